using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Reliability;

public sealed class HostileObjectTests(MotoFixture moto)
{
    /// <summary>Keys with every class of character S3 accepts, each uploaded for real and notified by the emulator.</summary>
    public static readonly string[] HostileKeys =
    [
        "ünïcødé/日本語/файл 😀.txt",
        "plus+sign+.txt",
        "literal%2B and %20 and %.txt",
        "  spaces  around and inside  .txt",
        "control\u0001\u0007\u001f\u007f.txt",
        "tab\tand\rcarriage return.txt", // a line feed in a key gets 404 from moto 5.2.1 (see docs/reliability.md)
        "query?hash#amp&eq=semi;colon:at@dollar$comma,.txt",
        "double//slash//and trailing slash/",
        "quotes \"double\" 'single' `back` <angle> {brace} [bracket] |pipe\\backslash^caret~tilde.txt",
        "rtl \u202Eevil\u202C and zero\u200Bwidth and combining e\u0301.txt",
        "a-1024-byte-key/" + new string('k', 1024 - "a-1024-byte-key/".Length),
        "é-1024-byte-key/" + string.Concat(Enumerable.Repeat("é", (1024 - Encoding.UTF8.GetByteCount("é-1024-byte-key/")) / 2)),
    ];

    [Fact]
    public async Task Hostile_keys_empty_files_and_lying_types_become_correct_records()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 30, ct);
        var expected = new Dictionary<string, (byte[] Content, RecordStatus Status, string DetectedType)>(StringComparer.Ordinal);
        foreach (var key in HostileKeys)
        {
            expected[key] = (Encoding.UTF8.GetBytes("hostile key " + key.Length), RecordStatus.Processed, MediaTypes.Text);
        }

        expected["empty.txt"] = ([], RecordStatus.Processed, MediaTypes.Empty);
        expected["empty-no-extension"] = ([], RecordStatus.Processed, MediaTypes.Empty);
        expected["holiday.jpg"] = ([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[56]], RecordStatus.Rejected, MediaTypes.Elf);
        expected["report.pdf"] = (Encoding.UTF8.GetBytes("just text pretending to be a PDF\n"), RecordStatus.Rejected, MediaTypes.Text);
        var declared = new Dictionary<string, string> { ["holiday.jpg"] = "image/jpeg", ["report.pdf"] = "application/pdf" };
        foreach (var (key, (content, _, _)) in expected)
        {
            await stack.S3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = stack.Bucket,
                Key = key,
                InputStream = new MemoryStream(content),
                ContentType = declared.GetValueOrDefault(key, "text/plain"),
            }, ct);
        }

        var handler = new ObjectEventHandler(stack.S3, stack.Store, ValidationPolicy.From(new()), new CollectingLogger<ObjectEventHandler>(), TimeProvider.System, stack.Bucket);
        var drain = new BatchDrain(stack.Sqs, stack.QueueUrl, new BatchProcessor(handler, 4, new CollectingLogger<BatchProcessor>()));
        var stopwatch = Stopwatch.StartNew();
        await drain.RunAsync(TimeSpan.FromSeconds(90), ct);

        var records = (await stack.RecordsAsync(ct)).ToDictionary(record => record.Key, StringComparer.Ordinal);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"hostile: {expected.Count} objects -> {records.Count} records in {stopwatch.Elapsed.TotalSeconds:F1} s, " +
            $"{drain.Failures} failed deliveries, {deadLetters.Count} dead letters");
        Assert.Empty(deadLetters);
        Assert.True(records.Keys.ToHashSet().SetEquals(expected.Keys), "records without an upload: " +
            string.Join(" | ", records.Keys.Except(expected.Keys).Select(Printable)) + "; uploads without a record: " + string.Join(" | ", expected.Keys.Except(records.Keys).Select(Printable)));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), records.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, (content, status, detected)) in expected)
        {
            var record = records[key];
            Assert.True(
                (record.Status, record.DetectedType, record.Size, record.Sha256) == (status, detected, content.Length, Convert.ToHexStringLower(SHA256.HashData(content))),
                $"{Printable(key)}: {record.Status} {record.DetectedType} {record.Size} {record.Reason}");
        }

        Assert.Contains("executable", records["holiday.jpg"].Reason, StringComparison.Ordinal);
        Assert.Contains("application/pdf", records["report.pdf"].Reason, StringComparison.Ordinal);
    }

    private static string Printable(string key) =>
        string.Concat(key.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
