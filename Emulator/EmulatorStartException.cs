namespace FilePipeline.Emulator;

/// <summary>The emulator was found but did not come up.</summary>
public sealed class EmulatorStartException(string message, Exception? inner = null) : Exception(message, inner);
