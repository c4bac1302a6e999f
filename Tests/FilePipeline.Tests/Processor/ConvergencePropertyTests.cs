using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CsCheck;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Events;
using FilePipeline.Processor.Handling;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// The model-based property of issue 15: random schedules of S3 operations (uploads of one key again and again,
/// within one second too; deletes; re-uploads; delete markers on a versioned bucket, for which moto sends nothing)
/// and of deliveries (moto's events, AWS's documented shape with sequencers, backfill's, each late, duplicated,
/// reordered or never), run against moto by two concurrent handlers, one slow to read bodies, each taking what waits
/// as a batch (one record read for the batch, its messages concurrently). After every drain: each record equals its
/// object's current state once an event came after the key's last change, and every record does after a reconcile
/// (which must find exactly the keys that differed); and no record ever moved back to a state its object had left.
/// A failing schedule is printed with its seed. <c>CsCheck_Iter</c> (default 30 schedules) and <c>CsCheck_Seed</c>
/// run more, or one again.
/// </summary>
public sealed class ConvergencePropertyTests(MotoFixture moto)
{
    private const int DefaultSchedules = 30;

    private static readonly Gen<Step> StepGen = Gen.Frequency(
        (5, Gen.Select(Gen.Int[0, Keys - 1], Gen.Int[0, 3], Gen.Bool, (key, version, png) => (Step)new Upload(key, version, png))),
        (3, Gen.Int[0, Keys - 1].Select(key => (Step)new Delete(key))),
        (4, Gen.Select(Gen.Int[0, 99], Gen.Bool, (pick, twice) => (Step)new Deliver(pick, twice))),
        (3, Gen.Const((Step)new DeliverNewest())),
        (1, Gen.Int[0, 99].Select(pick => (Step)new Redeliver(pick))),
        (1, Gen.Const((Step)new BackfillStep())),
        (1, Gen.Int[0, 99].Select(order => (Step)new DrainStep(order))));

    /// <summary>Key 0 is in the plain bucket, key 1 in the versioned one: few keys, so that changes and events collide.</summary>
    private const int Keys = 2;

    [Fact]
    public async Task Every_record_converges_to_its_object_and_never_moves_back_whatever_the_schedule()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        using var writes = new ClientCalls(stack.Dynamo);
        var runs = 0;
        var schedules = int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), CultureInfo.InvariantCulture, out var iter) ? iter : DefaultSchedules;

        await StepGen.Array[4, 12].SampleAsync(
            steps => new ScheduleRun(stack, writes, Interlocked.Increment(ref runs)).RunAsync(steps, ct),
            seed: Environment.GetEnvironmentVariable("CsCheck_Seed"),
            iter: schedules,
            threads: 1,
            print: steps => string.Join(", ", steps.Append(new DrainStep(0))));

        TestContext.Current.SendDiagnosticMessage($"{runs} schedules run (shrinking included)");
        Assert.True(runs >= schedules, $"only {runs} of {schedules} schedules ran: the property was not checked");
    }

    private abstract record Step;

    private sealed record Upload(int Key, int Version, bool Png) : Step
    {
        public override string ToString() => $"upload(k{Key}, {(Png ? "png" : "text")} {Version})";
    }

    private sealed record Delete(int Key) : Step
    {
        public override string ToString() => $"delete(k{Key})";
    }

    /// <summary>Delivers a pending event (the <c>Pick</c>th, modulo how many are pending); <c>Twice</c>: SQS delivers it again at once.</summary>
    private sealed record Deliver(int Pick, bool Twice) : Step
    {
        public override string ToString() => $"deliver({Pick}{(Twice ? ", twice" : "")})";
    }

    /// <summary>Delivers the newest pending event: an event that arrives at once, overtaking older ones still in flight.</summary>
    private sealed record DeliverNewest : Step
    {
        public override string ToString() => "deliver(newest)";
    }

    /// <summary>Delivers an event already delivered once more, as a new message (S3's own duplicates).</summary>
    private sealed record Redeliver(int Pick) : Step
    {
        public override string ToString() => $"redeliver({Pick})";
    }

    private sealed record BackfillStep : Step
    {
        public override string ToString() => "backfill";
    }

    /// <summary>
    /// Delivers every event S3 sent that is still pending, in an order of its own (<c>Order</c> seeds the shuffle; AWS-shaped
    /// and backfill extras not yet delivered are dropped), then checks.
    /// </summary>
    private sealed record DrainStep(int Order) : Step
    {
        public override string ToString() => $"drain({Order})";
    }

    /// <summary>An event waiting to be delivered: <c>Required</c> when S3 (moto) sent it, so it must arrive at least once.</summary>
    private sealed record Delivery(QueueMessage Message, int Key, bool Required, string What);

    /// <summary>One schedule, on keys of its own: the driver, the model (each key's history of states) and the two handlers.</summary>
    private sealed class ScheduleRun(ConvergenceStack stack, ClientCalls writes, int run)
    {
        private const int MaxReceives = 5;

        private readonly List<ObjectState>[] _history = [.. Enumerable.Range(0, Keys).Select(_ => new List<ObjectState>())];
        private readonly int[] _lastChange = new int[Keys];
        private readonly int[] _lastDelivery = new int[Keys];
        private readonly int[] _sequence = new int[Keys];
        private readonly List<Delivery> _pending = [];
        private readonly List<Delivery> _delivered = [];
        private readonly StringBuilder _journal = new();
        private readonly Channel<(Delivery Delivery, int ReceiveCount)> _queue = Channel.CreateUnbounded<(Delivery, int)>();
        private readonly List<string> _deadLetters = [];
        private int _outstanding;
        private int _step;
        private int _messages;

        private string Prefix => $"run-{run:D4}/";

        private string KeyName(int key) => $"{Prefix}key {key}+ü";

        private string BucketOf(int key) => key == 0 ? stack.Bucket : stack.VersionedBucket;

        public async Task RunAsync(Step[] steps, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Two handlers, one of them slow to read bodies, so that the other overtakes it on the same key.
            using var slow = stack.SlowS3(TimeSpan.FromMilliseconds(60));
            var handlers = new[] { stack.Handler(), stack.Handler(slow) }
                .Select(handler => Task.Run(() => HandleAsync(handler, stop.Token), CancellationToken.None)).ToList();
            try
            {
                foreach (var step in steps.Append(new DrainStep(0)))
                {
                    _step++;
                    await ApplyAsync(step, cancellationToken);
                }
            }
            finally
            {
                _queue.Writer.TryComplete();
                await stop.CancelAsync();
                await Task.WhenAll(handlers);
            }
        }

        private async Task ApplyAsync(Step step, CancellationToken cancellationToken)
        {
            switch (step)
            {
                case Upload upload:
                    var content = upload.Png ? Content.Png(upload.Version) : Content.Text(upload.Version);
                    var state = await stack.PutAsync(BucketOf(upload.Key), KeyName(upload.Key), content, cancellationToken);
                    await ChangedAsync(upload.Key, state, "ObjectCreated:Put", 1, cancellationToken);
                    break;
                case Delete delete when _history[delete.Key] is [.., { Exists: true }]:
                    var marker = await stack.DeleteAsync(BucketOf(delete.Key), KeyName(delete.Key), cancellationToken);
                    var versioned = delete.Key != 0;
                    await ChangedAsync(delete.Key, ObjectState.Gone(BucketOf(delete.Key), KeyName(delete.Key)) with { VersionId = marker },
                        versioned ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete", versioned ? 0 : 1, cancellationToken);
                    break;
                case Delete:
                    _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. {step}: the object is gone already, nothing to do");
                    break;
                case Deliver deliver when _pending.Count > 0:
                    var delivery = _pending[deliver.Pick % _pending.Count];
                    _pending.Remove(delivery);
                    Send(delivery, deliver.Twice ? 2 : 1);
                    break;
                case DeliverNewest when _pending.Count > 0:
                    var newest = _pending[^1];
                    _pending.Remove(newest);
                    Send(newest, 1);
                    break;
                case Redeliver redeliver when _delivered.Count > 0:
                    var again = _delivered[redeliver.Pick % _delivered.Count];
                    Send(again with { Message = again.Message with { MessageId = $"{again.Message.MessageId}-again-{_step}" }, What = again.What + " again" }, 1);
                    break;
                case BackfillStep:
                    await BackfillAsync(cancellationToken);
                    break;
                case DrainStep drain:
                    await DrainAndCheckAsync(drain.Order, cancellationToken);
                    break;
                default:
                    _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. {step}: nothing to deliver");
                    break;
            }
        }

        /// <summary>
        /// After a change of <paramref name="key"/>: the new state joins its history; moto's events for it (the
        /// <paramref name="motoEvents"/> it sends, 0 for a delete marker) become required deliveries, and the event AWS
        /// would send, with a sequencer, an optional one.
        /// </summary>
        private async Task ChangedAsync(int key, ObjectState state, string awsEventName, int motoEvents, CancellationToken cancellationToken)
        {
            _history[key].Add(state with { VersionId = state.Exists ? state.VersionId : null });
            _lastChange[key] = _step;
            _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. k{key} is now {state}");
            foreach (var message in await stack.ReceiveAsync(motoEvents, cancellationToken))
            {
                _pending.Add(new Delivery(message, key, Required: true, $"moto {EventName(message)} k{key} (after step {_step})"));
            }

            var sequencer = S3Events.Sequencer(++_sequence[key]);
            var body = S3Events.AwsSample(
                BucketOf(key), KeyName(key), awsEventName, state.Exists ? state.Size : null, state.ETag, state.VersionId, sequencer, DateTimeOffset.UtcNow);
            _pending.Add(new Delivery(new QueueMessage($"aws-{run}-{_step}", body, 1, null, "events"), key, Required: false,
                $"AWS {awsEventName} k{key} sequencer {sequencer} (after step {_step})"));
        }

        private async Task BackfillAsync(CancellationToken cancellationToken)
        {
            var enqueued = 0;
            foreach (var bucket in new[] { stack.Bucket, stack.VersionedBucket })
            {
                enqueued += (await stack.Backfill(bucket).RunAsync(Prefix, null, cancellationToken)).Enqueued;
            }

            foreach (var message in await stack.ReceiveAsync(enqueued, cancellationToken))
            {
                var key = KeyOf(message);
                _pending.Add(new Delivery(message, key, Required: false, $"backfill k{key} (after step {_step})"));
            }

            _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. backfill enqueued {enqueued} events");
        }

        private async Task DrainAndCheckAsync(int order, CancellationToken cancellationToken)
        {
            var required = _pending.Where(d => d.Required).ToArray();
            new Random(order).Shuffle(required); // seeded: the same schedule delivers in the same order
            foreach (var delivery in required)
            {
                Send(delivery, 1);
            }

            _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. drain: {_pending.Count(d => !d.Required)} optional events never delivered");
            _pending.Clear();
            await IdleAsync(cancellationToken);

            // Every key an event came for after its last change equals its object's current state.
            var stale = new List<int>();
            for (var key = 0; key < Keys; key++)
            {
                if (_history[key].Count == 0)
                {
                    continue;
                }

                var differences = RecordConvergence.Differences(await stack.Store.GetAsync(BucketOf(key), KeyName(key), cancellationToken), _history[key][^1]);
                if (differences.Count > 0 && _lastDelivery[key] > _lastChange[key])
                {
                    Fail($"k{key} had an event after its last change (step {_lastChange[key]}), yet its record differs: {string.Join("; ", differences)}");
                }

                if (differences.Count > 0)
                {
                    stale.Add(key);
                }
            }

            // A reconcile finds exactly the others (changes no event reported: moto's delete markers) and heals them.
            var reconciled = 0;
            var differing = 0;
            foreach (var bucket in new[] { stack.Bucket, stack.VersionedBucket })
            {
                var result = await stack.Reconcile(bucket).RunAsync(Prefix, null, cancellationToken);
                reconciled += result.Enqueued;
                differing += result.Differing;
            }

            _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. reconcile: {differing} keys differ (stale: {string.Join(" ", stale.Select(k => "k" + k))})");
            if (differing != stale.Count)
            {
                Fail($"reconcile found {differing} differing keys, the model {stale.Count}: {string.Join(" ", stale.Select(k => "k" + k))}");
            }

            foreach (var message in await stack.ReceiveAsync(reconciled, cancellationToken))
            {
                var key = KeyOf(message);
                Send(new Delivery(message, key, Required: true, $"reconcile {EventName(message)} k{key}"), 1);
            }

            await IdleAsync(cancellationToken);
            for (var key = 0; key < Keys; key++)
            {
                if (_history[key].Count > 0)
                {
                    var differences = RecordConvergence.Differences(await stack.Store.GetAsync(BucketOf(key), KeyName(key), cancellationToken), _history[key][^1]);
                    if (differences.Count > 0)
                    {
                        Fail($"after the reconcile, k{key}'s record differs: {string.Join("; ", differences)}");
                    }
                }

                var ours = writes.WrittenItems
                    .Where(item => item[RecordTable.KeyAttribute].S == KeyName(key) && item[RecordTable.BucketAttribute].S == BucketOf(key))
                    .OrderBy(RecordStore.Revision)
                    .Select(FileRecordItem.FromItem)
                    .ToList();
                if (RecordConvergence.FirstRegression(_history[key], ours) is { } regression)
                {
                    Fail($"k{key}: {regression}");
                }
            }
        }

        private void Send(Delivery delivery, int times)
        {
            _lastDelivery[delivery.Key] = _step;
            _delivered.Add(delivery);
            for (var receive = 1; receive <= times; receive++)
            {
                _journal.AppendLine(CultureInfo.InvariantCulture, $"{_step}. deliver {delivery.What} (message {delivery.Message.MessageId}, receive {receive})");
                Interlocked.Increment(ref _outstanding);
                _queue.Writer.TryWrite((delivery, receive));
            }
        }

        /// <summary>
        /// One of the concurrent handlers, taking what is waiting as a batch (up to 10, as a receive would) whose
        /// messages run concurrently after its one record read: what fails comes back with its receive count up, as
        /// SQS would send it again.
        /// </summary>
        private async Task HandleAsync(ObjectEventHandler handler, CancellationToken cancellationToken)
        {
            try
            {
                while (await _queue.Reader.WaitToReadAsync(cancellationToken))
                {
                    var batch = new List<(Delivery Delivery, QueueMessage Message)>();
                    while (batch.Count < 10 && _queue.Reader.TryRead(out var item))
                    {
                        batch.Add((item.Delivery, item.Delivery.Message with { ReceiveCount = item.ReceiveCount }));
                    }

                    if (batch.Count == 0)
                    {
                        continue; // the other handler took it
                    }

                    var batchHandler = await handler.BeginBatchAsync([.. batch.Select(b => b.Message)], cancellationToken);
                    await Task.WhenAll(batch.Select(b => HandleOneAsync(batchHandler, b.Delivery, b.Message, cancellationToken)));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The schedule ended.
            }
        }

        private async Task HandleOneAsync(IMessageHandler handler, Delivery delivery, QueueMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _messages);
            try
            {
                await handler.HandleAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (message.ReceiveCount >= MaxReceives)
                {
                    lock (_deadLetters)
                    {
                        _deadLetters.Add($"{delivery.What} failed {message.ReceiveCount} times: {e.GetType().Name}: {e.Message}");
                    }
                }
                else
                {
                    Interlocked.Increment(ref _outstanding);
                    _queue.Writer.TryWrite((delivery, message.ReceiveCount + 1));
                }
            }
            finally
            {
                Interlocked.Decrement(ref _outstanding);
            }
        }

        private async Task IdleAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Volatile.Read(ref _outstanding) > 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    Fail($"{_outstanding} deliveries still unhandled after 60 s");
                }

                await Task.Delay(10, cancellationToken);
            }

            lock (_deadLetters)
            {
                if (_deadLetters.Count > 0)
                {
                    Fail("messages would have reached the dead-letter queue: " + string.Join("; ", _deadLetters));
                }
            }
        }

        private int KeyOf(QueueMessage message)
        {
            var key = EnvelopeParser.Parse(message.Body).Events[0].Key;
            return Enumerable.Range(0, Keys).Single(k => KeyName(k) == key);
        }

        private static string EventName(QueueMessage message) => EnvelopeParser.Parse(message.Body).Events[0].EventName;

        private void Fail(string why)
        {
            var history = string.Join('\n', Enumerable.Range(0, Keys).Select(k => $"k{k}: {string.Join(" -> ", _history[k])}"));
            Assert.Fail($"{why}\n\nWhat happened ({_messages} messages handled):\n{_journal}\nObject histories:\n{history}");
        }
    }
}
