namespace FilePipeline.Benchmarks;

/// <summary>What every section gets: the settings and the shared emulator (started on first use).</summary>
internal sealed class BenchmarkContext(BenchmarkSettings settings) : IAsyncDisposable
{
    private readonly BenchEmulator _emulator = new();

    public BenchmarkSettings Settings => settings;

    /// <summary>A wiped emulator with the stack provisioned from the template.</summary>
    public Task<BenchStack> FreshStackAsync(CancellationToken cancellationToken) => _emulator.FreshStackAsync(cancellationToken);

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
