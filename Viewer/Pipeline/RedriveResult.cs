namespace FilePipeline.Viewer.Pipeline;

/// <summary>
/// What a redrive did: <see cref="Method"/> is <c>MoveTask</c> (SQS moves the messages itself, in the background;
/// <see cref="TaskHandle"/> names the task) or <c>Copy</c> (the viewer moved <see cref="Moved"/> messages one by one,
/// on emulators without StartMessageMoveTask).
/// </summary>
public sealed record RedriveResult(string Method, int Moved, string? TaskHandle, string Message);
