using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>The pipeline page's dead letters say why each one failed, read from the real DLQ by a real viewer.</summary>
public sealed class DeadLetterReasonTests(MotoFixture moto)
{
    [Fact]
    public async Task Each_dead_letter_is_explained_including_an_event_for_a_foreign_bucket()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerQueueStack(moto);
        await stack.InitializeAsync();
        const string Event = """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"BUCKET"},"object":{"key":"KEY","size":1}}}]}""";
        var foreign = Event.Replace("BUCKET", "someone-else", StringComparison.Ordinal).Replace("KEY", "secret.txt", StringComparison.Ordinal);
        var own = Event.Replace("BUCKET", stack.Bucket, StringComparison.Ordinal).Replace("KEY", "mine+file.txt", StringComparison.Ordinal);
        foreach (var body in new[] { "not json at all", """{"hello":"world"}""", foreign, own })
        {
            await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, body), ct);
        }

        using var http = new HttpClient { BaseAddress = stack.Url };
        var letters = await Eventually(async () =>
        {
            var list = await http.GetFromJsonAsync<JsonElement>("/api/dlq", ct);
            return list.GetArrayLength() == 4 ? list : (JsonElement?)null;
        }, ct);

        string ReasonFor(string excerptStart) => letters.EnumerateArray()
            .Single(l => l.GetProperty("bodyExcerpt").GetString()!.StartsWith(excerptStart, StringComparison.Ordinal))
            .GetProperty("reason").GetString()!;
        Assert.StartsWith("The message is not JSON", ReasonFor("not json"), StringComparison.Ordinal);
        Assert.StartsWith("The message is JSON but not an S3 event", ReasonFor("""{"hello"""), StringComparison.Ordinal);
        Assert.StartsWith("The event is for bucket 'someone-else', which the pipeline does not own", ReasonFor(foreign), StringComparison.Ordinal);
        Assert.StartsWith("Processing kept failing (no record says why)", ReasonFor(own), StringComparison.Ordinal);
        var ownLetter = letters.EnumerateArray().Single(l => l.GetProperty("bodyExcerpt").GetString() == own);
        Assert.Equal("mine file.txt", ownLetter.GetProperty("key").GetString());
    }

    // ReceiveMessage may return fewer than are there (moto samples); look again until all four are seen, within a bound.
    private static async Task<JsonElement> Eventually(Func<Task<JsonElement?>> attempt, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("The dead-letter list never showed all four messages.");
    }
}
