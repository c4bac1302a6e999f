using Amazon;
using Amazon.Runtime;
using FilePipeline.Emulator;
using FilePipeline.Provisioning;

namespace FilePipeline.Benchmarks;

/// <summary>
/// One <c>moto_server</c> started by this benchmark (never an attached endpoint: every run resets it), shared by
/// the sections that need one; <see cref="FreshStackAsync"/> wipes it and provisions the stack from the template.
/// </summary>
internal sealed class BenchEmulator : IAsyncDisposable
{
    public static readonly BasicAWSCredentials Credentials = new("test", "test");

    private EmulatorEndpoint? _endpoint;

    public EmulatorEndpoint Endpoint => _endpoint ?? throw new InvalidOperationException("the emulator has not started");

    /// <summary>Resets the emulator (starting it first if needed) and provisions a local stack (direct S3 → SQS routing).</summary>
    public async Task<BenchStack> FreshStackAsync(CancellationToken cancellationToken)
    {
        _endpoint ??= await EmulatorEndpoint.StartMotoAsync(TimeSpan.FromSeconds(90), cancellationToken);
        await _endpoint.ResetAsync(cancellationToken);
        var region = RegionEndpoint.GetBySystemName(EmulatorEndpoint.DefaultRegion);
        using var provisioner = new StackProvisioner(new AwsSettings(region, Credentials, _endpoint.Url));
        var outputs = await provisioner.ProvisionLocalAsync("bench", RoutingMode.Direct, cancellationToken);
        return new BenchStack(_endpoint, outputs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }
    }
}
