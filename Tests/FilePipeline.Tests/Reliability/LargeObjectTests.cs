using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Reliability;

[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>
/// A large object streamed through the emulator and the handler, with the memory the handler used measured.
/// CI size is 64 MiB; <c>FILEPIPELINE_LARGE_OBJECT_MIB=2048</c> runs the 2 GiB case (see docs/reliability.md).
/// Runs alone so that the process's allocation and working-set figures are its own.
/// </summary>
[Collection(nameof(MeasuredAlone))]
public sealed class LargeObjectTests(MotoFixture moto)
{
    private static long SizeBytes =>
        long.Parse(Environment.GetEnvironmentVariable("FILEPIPELINE_LARGE_OBJECT_MIB") ?? "64", CultureInfo.InvariantCulture) * 1024 * 1024;

    /// <summary>The bound on the process's working-set growth while handling: half the CI object's size, whatever the size.</summary>
    private const long MaxWorkingSetGrowth = 32L * 1024 * 1024;

    [Fact]
    public async Task Large_object_is_recorded_with_bounded_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        var size = SizeBytes;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 600, ct);
        var upload = Stopwatch.StartNew();
        await stack.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = stack.Bucket,
            Key = "large/generated.txt",
            InputStream = new GeneratedStream(size),
            ContentType = "text/plain",
            AutoCloseStream = true,
        }, ct);
        upload.Stop();
        var expectedSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(new GeneratedStream(size), ct));

        var handler = new ObjectEventHandler(stack.S3, stack.Store, ValidationPolicy.From(new()), new CollectingLogger<ObjectEventHandler>(), TimeProvider.System, stack.Bucket);
        var drain = new BatchDrain(stack.Sqs, stack.QueueUrl, new BatchProcessor(handler, 4, new CollectingLogger<BatchProcessor>()));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var sampling = new CancellationTokenSource();
        var peak = SampleWorkingSetAsync(process, sampling.Token);
        var handle = Stopwatch.StartNew();
        await drain.RunAsync(TimeSpan.FromMinutes(30), ct);
        handle.Stop();
        await sampling.CancelAsync();
        var peakWorkingSet = await peak;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var growth = Math.Max(0, peakWorkingSet - workingSetBefore);

        var record = await stack.Store.GetAsync(stack.Bucket, "large/generated.txt", ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"large object: {size / (1024 * 1024)} MiB; upload {upload.Elapsed.TotalSeconds:F1} s; handled in {handle.Elapsed.TotalSeconds:F1} s " +
            $"({size / handle.Elapsed.TotalSeconds / (1024 * 1024):F0} MiB/s); managed allocations while handling {allocated / (1024.0 * 1024):F1} MiB; " +
            $"working set {workingSetBefore / (1024 * 1024)} MiB before, peak growth {growth / (1024.0 * 1024):F1} MiB");
        Assert.NotNull(record);
        Assert.Equal((RecordStatus.Processed, MediaTypes.Text, size, expectedSha), (record.Status, record.DetectedType, record.Size!.Value, record.Sha256));
        var newlines = GeneratedStream.NewlinesIn(size);
        Assert.InRange(record.LineCount!.Value, newlines, newlines + 1);
        Assert.True(record.WordCount > newlines, "every generated line has several words");
        Assert.True(growth < MaxWorkingSetGrowth, $"working set grew by {growth} bytes while handling a {size}-byte object");
    }

    private static async Task<long> SampleWorkingSetAsync(Process process, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            try
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        process.Refresh();
        return Math.Max(peak, process.WorkingSet64);
    }
}
