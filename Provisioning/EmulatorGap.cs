namespace FilePipeline.Provisioning;

/// <summary>
/// One thing the template declares that the local emulator's CloudFormation leaves out, and the API call
/// that applies it after the stack is created (<see cref="EmulatorGaps"/>).
/// </summary>
public sealed record EmulatorGap(string Name, string Gap, Func<StackOutputs, CancellationToken, Task> Apply);
