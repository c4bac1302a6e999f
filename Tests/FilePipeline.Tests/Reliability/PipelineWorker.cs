using System.Diagnostics;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Reliability;

/// <summary>Heavy pipeline tests (a real worker process each) run one at a time, beside the lighter tests.</summary>
[CollectionDefinition(nameof(PipelineUnderLoad))]
public sealed class PipelineUnderLoad;

/// <summary>The real processor binary in worker mode, serving one <see cref="PipelineStack"/> through a given endpoint.</summary>
internal static class PipelineWorker
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts the worker (short long-polls, quick retries) and waits for its ready line.</summary>
    public static async Task<ProcessorProcess> StartAsync(
        MotoFixture moto, PipelineStack stack, Uri endpoint, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var environment = stack.WorkerEnvironment(endpoint);
        environment["Processor__WaitTimeSeconds"] = "2";
        environment["Processor__RetryBaseSeconds"] = "1";
        environment["Processor__RetryMaxSeconds"] = "10";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var worker = ProcessorProcess.Start(moto, environment);
        try
        {
            await worker.Output.WaitForLineAsync(line => line.Contains("Worker ready:", StringComparison.Ordinal), ReadyTimeout, cancellationToken);
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the table holds <paramref name="expected"/> records, failing after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> WaitForRecordsAsync(PipelineStack stack, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        while (stopwatch.Elapsed < timeout)
        {
            count = await stack.CountRecordsAsync(cancellationToken);
            if (count >= expected)
            {
                return stopwatch.Elapsed;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new TimeoutException($"{count} of {expected} records after {timeout.TotalSeconds} s");
    }

    /// <summary>Lines of the worker's output that contain <paramref name="text"/>.</summary>
    public static int Count(ProcessorProcess worker, string text) =>
        worker.Output.Lines.Count(line => line.Contains(text, StringComparison.Ordinal));
}
