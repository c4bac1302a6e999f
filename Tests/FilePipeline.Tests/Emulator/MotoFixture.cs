using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using FilePipeline.Emulator;
using Microsoft.Extensions.Hosting;

[assembly: AssemblyFixture(typeof(FilePipeline.Tests.Emulator.MotoFixture))]

namespace FilePipeline.Tests.Emulator;

/// <summary>
/// One emulator shared by the whole test run (started once, stopped at the end). Tests that share it
/// name their resources uniquely (<see cref="UniqueName"/>) and never reset it; a test that needs a
/// clean emulator starts its own with <see cref="EmulatorEndpoint.StartMotoAsync"/>.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private EmulatorEndpoint? _emulator;

    public EmulatorEndpoint Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public Uri Url => Emulator.Url;

    public string Region => EmulatorEndpoint.DefaultRegion;

    /// <summary>What the product's clients are built from, pointed at this emulator (any credentials sign for moto).</summary>
    public AWSOptions AwsOptions => new AWSOptions { Credentials = new BasicAWSCredentials("test", "test") }.ForEndpoint(Url, Region);

    /// <summary>A client of this emulator, built in the product's one place (<see cref="AwsClientExtensions.CreateAwsClient{T}"/>).</summary>
    public T Client<T>(Action<ClientConfig>? configure = null)
        where T : IAmazonService => AwsOptions.CreateAwsClient<T>(configure);

    public async ValueTask InitializeAsync() =>
        _emulator = await EmulatorEndpoint.StartOrAttachAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>A resource name no other test uses: lower case, digits and dashes, at most 63 characters.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
}
