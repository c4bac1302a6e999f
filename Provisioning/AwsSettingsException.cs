namespace FilePipeline.Provisioning;

/// <summary>The environment does not say where or as whom to talk to AWS; the message says what to set.</summary>
public sealed class AwsSettingsException(string message, Exception? inner = null) : Exception(message, inner);
