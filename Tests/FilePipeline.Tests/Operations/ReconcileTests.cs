using System.Text;
using FilePipeline.Operations;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Operations;

/// <summary><see cref="Reconcile"/> against moto: what it finds, what it enqueues, and that the syncs it asks for heal.</summary>
public sealed class ReconcileTests(MotoFixture moto)
{
    [Fact]
    public async Task Finds_every_kind_of_difference_under_its_prefix_and_its_syncs_heal_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        var bucket = stack.Bucket;
        var inSync = await stack.PutAsync(bucket, "r/in sync.txt", Content.Text(1), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        var noRecord = await stack.PutAsync(bucket, "r/no record 100% + 1.png", Content.Png(2), ct);
        await stack.ReceiveAsync(1, ct); // the event is lost
        await stack.PutAsync(bucket, "r/no object.txt", Content.Text(3), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        await stack.DeleteAsync(bucket, "r/no object.txt", ct);
        await stack.ReceiveAsync(1, ct); // lost
        await stack.PutAsync(bucket, "r/stale.txt", Content.Text(4), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        var stale = await stack.PutAsync(bucket, "r/stale.txt", Content.Text(5), ct);
        await stack.ReceiveAsync(1, ct); // lost
        await stack.PutAsync(bucket, "r/deleted.txt", Content.Text(6), ct);
        await stack.DeleteAsync(bucket, "r/deleted.txt", ct);
        foreach (var message in await stack.ReceiveAsync(2, ct))
        {
            await handler.HandleAsync(message, ct);
        }

        await stack.PutAsync(bucket, "outside/not mine.txt", Content.Text(7), ct);
        await stack.ReceiveAsync(1, ct);

        var found = await stack.Reconcile(bucket).RunAsync("r/", null, ct);

        Assert.Equal(new ReconcileResult(Objects: 3, Records: 4, InSync: 2, ObjectsWithoutRecord: 1, RecordsWithoutObject: 1, StaleRecords: 1, Enqueued: 3, Failed: 0), found);
        foreach (var message in await stack.ReceiveAsync(3, ct))
        {
            await handler.HandleAsync(message, ct);
        }

        await RecordConvergence.AssertCurrentAsync(stack.Store,
        [
            inSync, noRecord, stale,
            ObjectState.Gone(bucket, "r/no object.txt"), ObjectState.Gone(bucket, "r/deleted.txt"),
        ], ct);
        Assert.Null(await stack.Store.GetAsync(bucket, "outside/not mine.txt", ct));
        var again = await stack.Reconcile(bucket).RunAsync("r/", null, ct);
        Assert.Equal((5, 0, 0), (again.InSync, again.Differing, again.Enqueued));
    }

    [Fact]
    public async Task Pages_through_both_listings_a_few_keys_at_a_time_in_S3s_key_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        // U+FFFD sorts before 😀 in UTF-8 (and so in S3 and DynamoDB) but after it in UTF-16: a merge in .NET's
        // ordinal order would pair the wrong keys and report differences that are not there.
        string[] recorded = ["p/a", "p/b\uFFFD", "p/b😀", "p/c", "p/d", "p/e"];
        foreach (var key in recorded)
        {
            await stack.PutAsync(stack.Bucket, key, Content.Text(key.Length), ct);
            await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        }

        await stack.PutAsync(stack.Bucket, "p/b\uFFFE", Content.Text(1), ct); // between the two, without a record
        await stack.ReceiveAsync(1, ct);
        var reports = new List<ReconcileResult>();

        var found = await stack.Reconcile(stack.Bucket, pageSize: 2).RunAsync("p/", reports.Add, ct);

        Assert.Equal(new ReconcileResult(7, 6, 6, 1, 0, 0, 1, 0), found);
        Assert.Equal(found, reports[^1]);
        var sync = Assert.Single(await stack.ReceiveAsync(1, ct));
        Assert.Equal("p/b\uFFFE", FilePipeline.Processor.Events.EnvelopeParser.Parse(sync.Body).Events[0].Key);
    }

    [Fact]
    public void Key_order_is_UTF8_byte_order()
    {
        string[] keys = ["b", "a😀", "a\uFFFD", "a", "a\uE000", "ab", "😀", "\uFFFD"];

        var byUtf8Bytes = keys.OrderBy(key => Encoding.UTF8.GetBytes(key), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList();

        Assert.Equal(byUtf8Bytes, keys.Order(Comparer<string>.Create(Reconcile.KeyOrder)));
        Assert.NotEqual(byUtf8Bytes, keys.Order(StringComparer.Ordinal)); // the difference the merge must not trip on
        Assert.Equal(0, Reconcile.KeyOrder("a😀", "a😀"));
    }
}
