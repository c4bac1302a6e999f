using System.Security.Cryptography;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Handling;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// The four ways a record used to end wrong (issue 15), each reproduced with moto's real events and AWS's
/// documented event shape: the record must end as its object's current state whatever the events say.
/// </summary>
public sealed class ConvergenceTests(MotoFixture moto)
{
    [Fact]
    public async Task Second_upload_within_the_same_second_wins_whatever_its_ETag()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        // The old order key fell back to LastModified (whole seconds) and then the ETag: the larger ETag won.
        var (first, second) = ContentsWithDescendingETags();
        for (var attempt = 1; ; attempt++)
        {
            var key = $"same-second-{attempt}.txt";
            var older = await stack.PutAsync(stack.Bucket, key, first, ct);
            await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
            var newer = await stack.PutAsync(stack.Bucket, key, second, ct);
            var events = await stack.ReceiveAsync(1, ct);
            var recorded = (await stack.Store.GetAsync(stack.Bucket, key, ct))!;
            var newerModified = (await stack.S3.GetObjectMetadataAsync(stack.Bucket, key, ct)).LastModified!.Value.ToUniversalTime();
            if (recorded.LastModified!.Value.UtcDateTime != newerModified && attempt < 15) // a loaded CI machine straddled 5 in a row
            {
                continue; // the two uploads straddled a second: try again, the case is the same second
            }

            Assert.Equal(recorded.LastModified!.Value.UtcDateTime, newerModified);
            Assert.True(string.CompareOrdinal(older.ETag, newer.ETag) > 0, "the older upload has the larger ETag");

            await handler.HandleAsync(events[0], ct);

            RecordConvergence.AssertCurrent(await stack.Store.GetAsync(stack.Bucket, key, ct), newer);
            return;
        }
    }

    [Fact]
    public async Task Events_with_and_without_sequencers_update_one_record_in_the_order_of_the_object()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        const string key = "mixed events/report.txt";
        var v1 = await stack.PutAsync(stack.VersionedBucket, key, Content.Text(1), ct);
        await stack.ReceiveAsync(1, ct); // moto's event, dropped: backfill finds the object instead
        var backfill = await stack.Backfill(stack.VersionedBucket).RunAsync("mixed events/", null, ct);
        Assert.Equal(1, backfill.Enqueued);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct); // unsequenced, as backfill's are
        RecordConvergence.AssertCurrent(await stack.Store.GetAsync(stack.VersionedBucket, key, ct), v1);

        // As in AWS: the next change comes with a sequencer. The old order put every sequenced event before an unsequenced one.
        var v2 = await stack.PutAsync(stack.VersionedBucket, key, Content.Text(2), ct);
        await stack.ReceiveAsync(1, ct);
        var aws2 = AwsEvent(stack.VersionedBucket, key, v2, sequence: 2);
        await handler.HandleAsync(aws2, ct);
        RecordConvergence.AssertCurrent(await stack.Store.GetAsync(stack.VersionedBucket, key, ct), v2);

        // And after it, moto's unsequenced event for a newer version, then the sequenced one again, late.
        var v3 = await stack.PutAsync(stack.VersionedBucket, key, Content.Png(3), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        await handler.HandleAsync(aws2 with { MessageId = "aws-2-again", ReceiveCount = 2 }, ct);

        var record = await stack.Store.GetAsync(stack.VersionedBucket, key, ct);
        RecordConvergence.AssertCurrent(record, v3);
        Assert.Null(record!.Sequencer); // written from moto's event; the late one changed nothing
    }

    [Fact]
    public async Task Delete_then_upload_within_a_second_ends_processed_whichever_event_comes_last()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        const string key = "back again.txt";
        await stack.PutAsync(stack.Bucket, key, Content.Text(1), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);

        await stack.DeleteAsync(stack.Bucket, key, ct);
        var reuploaded = await stack.PutAsync(stack.Bucket, key, Content.Text(2), ct);
        var events = await stack.ReceiveAsync(2, ct);
        Assert.Contains("ObjectRemoved:Delete", events[0].Body, StringComparison.Ordinal);
        // Deletes used to be ordered by their millisecond event time, creates by the whole second: the delete won.
        await handler.HandleAsync(events[1], ct);
        await handler.HandleAsync(events[0], ct);

        RecordConvergence.AssertCurrent(await stack.Store.GetAsync(stack.Bucket, key, ct), reuploaded);
    }

    [Fact]
    public async Task Delete_marker_sends_no_event_on_moto_and_reconcile_marks_the_record_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        const string key = "rm/photo.png";
        await stack.PutAsync(stack.VersionedBucket, key, Content.Png(1), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);

        var marker = await stack.DeleteAsync(stack.VersionedBucket, key, ct); // what `aws s3 rm` does on a versioned bucket
        Assert.NotNull(marker);
        await stack.ReceiveAsync(0, ct); // moto sends nothing for a delete marker (AWS sends ObjectRemoved:DeleteMarkerCreated)
        Assert.Equal(RecordStatus.Processed, (await stack.Store.GetAsync(stack.VersionedBucket, key, ct))!.Status);

        var reconciled = await stack.Reconcile(stack.VersionedBucket).RunAsync("rm/", null, ct);
        Assert.Equal((1, 1, 1, 0), (reconciled.Records, reconciled.RecordsWithoutObject, reconciled.Enqueued, reconciled.Objects));
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);

        var record = await stack.Store.GetAsync(stack.VersionedBucket, key, ct);
        RecordConvergence.AssertCurrent(record, ObjectState.Gone(stack.VersionedBucket, key));
        Assert.Equal(RecordStatus.Deleted, record!.Status);
    }

    /// <summary>Two contents whose ETags (MD5, for a single-part upload) sort the wrong way round: the first is larger.</summary>
    private static (Content First, Content Second) ContentsWithDescendingETags()
    {
        for (var n = 1; ; n++)
        {
            var (first, second) = (Content.Text(n + 1), Content.Text(n));
            if (string.CompareOrdinal(Convert.ToHexStringLower(MD5.HashData(first.Bytes)), Convert.ToHexStringLower(MD5.HashData(second.Bytes))) > 0)
            {
                return (first, second);
            }
        }
    }

    private static QueueMessage AwsEvent(string bucket, string key, ObjectState state, int sequence) => new(
        $"aws-{sequence}",
        S3Events.AwsSample(bucket, key, "ObjectCreated:Put", state.Size, state.ETag, state.VersionId, S3Events.Sequencer(sequence), DateTimeOffset.UtcNow),
        1,
        null,
        "events");
}
