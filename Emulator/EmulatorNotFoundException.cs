namespace FilePipeline.Emulator;

/// <summary>No emulator endpoint was configured and <c>moto_server</c> is not on PATH.</summary>
public sealed class EmulatorNotFoundException()
    : Exception("moto_server was not found on PATH. Install it with: pip install \"moto[server]\" "
        + "(or set AWS_ENDPOINT_URL to a running emulator such as LocalStack).");
