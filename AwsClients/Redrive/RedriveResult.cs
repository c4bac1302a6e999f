namespace FilePipeline.AwsClients.Redrive;

/// <summary>How a redrive went: a server-side move task (<paramref name="TaskHandle"/>) or a client-side move.</summary>
/// <param name="Mode">Which way the messages moved.</param>
/// <param name="TaskHandle">The move task's handle (server-side only).</param>
/// <param name="Moved">Messages sent to the destination and deleted from the dead-letter queue (client-side only).</param>
/// <param name="Failed">Messages that could not be sent; they stay in the dead-letter queue (client-side only).</param>
/// <param name="FallbackReason">Why the server-side task was not used, when it was not.</param>
public sealed record RedriveResult(RedriveMode Mode, string? TaskHandle, int Moved, int Failed, string? FallbackReason);
