using System.Diagnostics;
using FilePipeline.Processor.Events;

namespace FilePipeline.Tests.Reliability;

public sealed class EnvelopeFuzzTests
{
    private const int Cases = 100_000;

    [Fact]
    public void Fuzzed_envelopes_are_classified_without_an_exception()
    {
        var ct = TestContext.Current.CancellationToken;
        var fuzzer = new EnvelopeFuzzer(seed: 20261122);
        var kinds = new int[Enum.GetValues<EnvelopeKind>().Length];
        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var i = 0;
        for (; i < Cases && failures.Count < 5; i++)
        {
            ct.ThrowIfCancellationRequested();
            var body = fuzzer.Next();
            try
            {
                var envelope = EnvelopeParser.Parse(body);
                kinds[(int)envelope.Kind]++;
                if (Inconsistency(envelope) is { } problem)
                {
                    failures.Add($"case {i}: {problem}: {Show(body)}");
                }
            }
            catch (Exception exception)
            {
                failures.Add($"case {i}: {exception.GetType().Name}: {exception.Message}: {Show(body)}");
            }
        }

        stopwatch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"fuzz: {i} cases in {stopwatch.Elapsed.TotalSeconds:F2} s ({i / stopwatch.Elapsed.TotalSeconds:F0}/s); " +
            string.Join(", ", Enum.GetValues<EnvelopeKind>().Select(kind => $"{kind} {kinds[(int)kind]}")));
        Assert.Empty(failures);
        Assert.All(kinds, count => Assert.True(count > 100, "the fuzzer reaches every classification"));
    }

    [Theory]
    [InlineData("{\"Records\":[{\"eventName\":\"\\ud800\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}")]
    [InlineData("{\"Type\":\"Notification\",\"Message\":\"\\udc00\"}")]
    public void Invalid_surrogates_are_classified_not_thrown(string body)
    {
        var envelope = EnvelopeParser.Parse(body);

        Assert.Equal(EnvelopeKind.NotS3Event, envelope.Kind);
        Assert.Contains("malformed JSON", envelope.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_with_a_lone_surrogate_is_classified_not_thrown()
    {
        var envelope = EnvelopeParser.Parse("{\"Records\":\"" + '\ud800' + "\"}");

        Assert.Equal(EnvelopeKind.NotS3Event, envelope.Kind);
        Assert.Contains("malformed JSON", envelope.Reason, StringComparison.Ordinal);
    }

    private static string? Inconsistency(Envelope envelope) => envelope.Kind switch
    {
        EnvelopeKind.NotS3Event when string.IsNullOrEmpty(envelope.Reason) => "not an S3 event, without a reason",
        EnvelopeKind.ObjectEvents when envelope.Events.Count is 0 or > EnvelopeParser.MaxRecords => $"{envelope.Events.Count} events",
        EnvelopeKind.ObjectEvents when envelope.Events.Any(e => e.Bucket.Length == 0 || e.Key.Length == 0 || e.EventName.Length == 0) => "an event without bucket, key or name",
        EnvelopeKind.TestEvent when envelope.Events.Count != 0 => "a test event with events",
        _ => null,
    };

    private static string Show(string body) =>
        body.Length > 300 ? body[..300] + "…" : body;
}
