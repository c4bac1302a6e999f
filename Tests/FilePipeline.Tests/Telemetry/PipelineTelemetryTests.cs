using System.Diagnostics;
using System.Text;
using Amazon.S3.Model;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// The whole pipeline on moto with the real worker process exporting to an in-test OTLP receiver: an upload with a
/// traceparent and its processing are one trace, the record holds its id, and the batch's receive and delete (traces
/// of their own, one per batch) are tied to it by links from the message's process span and from the delete.
/// </summary>
public sealed class PipelineTelemetryTests(MotoFixture moto)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Upload_and_processing_are_one_trace_linked_to_the_receive_and_delete_of_its_message_and_the_worker_exports_spans_metrics_and_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var workerName = $"worker-{Guid.NewGuid():N}";
        var uploaderName = $"uploader-{Guid.NewGuid():N}";
        var environment = TracedServiceEnvironment.For(moto, aws, queues, receiver, workerName, TimeSpan.FromMilliseconds(500));
        // Before the worker runs: a file whose event someone received and let go again (not deleted), so the worker
        // gets it on its second receive, a retry.
        await aws.PutAsync("reports/retried.txt", Encoding.UTF8.GetBytes("handled on the second receive\n"), "text/plain", cancellationToken: ct);
        await Eventually.WaitAsync(() => ReleaseAfterOneReceiveAsync(queues, "reports/retried.txt", ct), found => found, Deadline,
            "the event of reports/retried.txt in the queue", ct);
        await using var worker = WorkerProcess.Start(environment);

        // Uploaded the way the viewer and the upload verb do it: an upload span whose traceparent goes into the object.
        using var uploader = TelemetryTestHost.Build(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = uploaderName,
        });
        await uploader.StartAsync(ct);
        using var source = new ActivitySource("FilePipeline.Test");
        string traced;
        using (var upload = UploadTracing.StartUpload(source, aws.Bucket, "reports/traced.txt"))
        {
            Assert.NotNull(upload);
            traced = upload.TraceId.ToHexString();
            var request = new PutObjectRequest { BucketName = aws.Bucket, Key = "reports/traced.txt", ContentBody = "one trace from upload to record\n", ContentType = "text/plain" };
            TraceMetadata.Inject(upload, (name, value) => request.Metadata[name] = value);
            await aws.S3.PutObjectAsync(request, ct);
        }
        // And one without: e.g. `aws s3 cp`.
        await aws.PutAsync("reports/untraced.txt", Encoding.UTF8.GetBytes("no traceparent here\n"), "text/plain", cancellationToken: ct);
        await uploader.StopAsync(ct);
        uploader.Dispose(); // as a process does on exit: the providers export what they still hold

        var record = await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "reports/traced.txt", ct), r => r is not null, Deadline,
            "the traced file's record; worker output:\n" + worker.Output, ct);
        var untracedRecord = await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "reports/untraced.txt", ct), r => r is not null, Deadline,
            "the untraced file's record; worker output:\n" + worker.Output, ct);
        Assert.Equal(traced, record!.TraceId);

        // Upload → processing: the worker's per-file span is a child of the upload span, in the upload's trace.
        var uploadSpan = await receiver.WaitForAsync("the upload span",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == uploaderName && s.Name == UploadTracing.SpanName && s.TraceId == traced), Deadline, ct);
        var stages = await receiver.WaitForAsync("the worker's scan and write spans in the upload's trace",
            r => r.Spans.Where(s => s.ServiceName == workerName && s.TraceId == traced).ToList() is var spans
                 && new[] { "scan", "write" }.All(stage => spans.Any(s => s.Name == stage)) ? spans : null,
            Deadline, ct);
        Assert.All(stages.Where(s => s.Name is "head" or "scan" or "write"), s => Assert.Equal("FilePipeline.Processor", s.Scope));
        // A new key is looked at by reading it: the scan span stands for its GetObject, which began before the
        // traceparent in the object's metadata was known.
        Assert.Contains(stages, s => s.Name == "scan" && s.Attributes.GetValueOrDefault("rpc.method") == "GetObject");
        // The AWS SDK's own calls made once the trace is known (through the SDK telemetry bridge) are in the same trace.
        var sdkSpan = await receiver.WaitForAsync("the AWS SDK's DynamoDB.PutItem span in the upload's trace",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.TraceId == traced && s.Name == "DynamoDB.PutItem"), Deadline, ct);
        Assert.StartsWith("AWSSDK.", sdkSpan.Scope, StringComparison.Ordinal);
        Assert.Equal("aws-api", sdkSpan.Attributes.GetValueOrDefault("rpc.system"));
        // SQS delivers at least once, and so does moto (CI once saw two process spans for this file): every delivery is
        // a process span, a child of the upload span, for this key; the record holds the message id of one of them.
        var fileSpans = stages.Where(s => s.ParentSpanId == uploadSpan.SpanId).ToList();
        Assert.NotEmpty(fileSpans);
        if (fileSpans.Count > 1)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{fileSpans.Count} process spans for reports/traced.txt: " + string.Join("; ",
                fileSpans.Select(s => $"message {s.Attributes.GetValueOrDefault("messaging.message.id")}, outcome {s.Attributes.GetValueOrDefault("filepipeline.outcome") ?? "(none)"}")));
        }
        Assert.False(string.IsNullOrEmpty(record.MessageId));
        Assert.All(fileSpans, fileSpan =>
        {
            Assert.Equal("process", fileSpan.Name);
            Assert.Equal(aws.Bucket, fileSpan.Attributes.GetValueOrDefault("aws.s3.bucket"));
            Assert.Equal("reports/traced.txt", fileSpan.Attributes.GetValueOrDefault("aws.s3.key"));
            Assert.Equal("aws_sqs", fileSpan.Attributes.GetValueOrDefault("messaging.system"));
            Assert.False(string.IsNullOrEmpty(fileSpan.Attributes.GetValueOrDefault("messaging.message.id")));
        });
        Assert.Contains(fileSpans, s => s.Attributes.GetValueOrDefault("messaging.message.id") == record.MessageId);
        Assert.Contains(stages, s => s.Name == "scan" && s.Attributes.GetValueOrDefault("aws.s3.key") == "reports/traced.txt");

        // The file's span is this message's (the id the record holds). The batch's receive and delete spans are traces
        // of their own: the file's span links to the receive that got the message, and the delete that removed it
        // links to that same receive.
        var receive = await receiver.WaitForAsync("the worker's receive span linked from the file span",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.Name == "receive"
                && fileSpans.Any(fileSpan => fileSpan.LinkedTraceIds.Contains(s.TraceId))), Deadline, ct);
        Assert.Equal("aws_sqs", receive.Attributes.GetValueOrDefault("messaging.system"));
        Assert.Equal("", receive.ParentSpanId);
        Assert.NotEqual(traced, receive.TraceId);
        var delete = await receiver.WaitForAsync("the delete span linked to the receive of the traced file's message",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.Name == "delete" && s.LinkedTraceIds.Contains(receive.TraceId)), Deadline, ct);
        Assert.NotEqual(traced, delete.TraceId);
        Assert.True(int.Parse(delete.Attributes["messaging.batch.message_count"], System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // Without a traceparent: a new trace, recorded in the record, linked to the SQS message's receive.
        Assert.False(string.IsNullOrEmpty(untracedRecord!.TraceId));
        Assert.NotEqual(traced, untracedRecord.TraceId);
        var untracedRoot = await receiver.WaitForAsync("the untraced file's root span",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.TraceId == untracedRecord.TraceId && s.ParentSpanId == ""), Deadline, ct);
        Assert.NotEmpty(untracedRoot.LinkedTraceIds);
        Assert.Contains(receiver.Spans, s => s.Name == "receive" && untracedRoot.LinkedTraceIds.Contains(s.TraceId));

        // Logs written while processing the file carry its trace id.
        var log = await receiver.WaitForAsync("a worker log line in the upload's trace",
            r => r.Logs.FirstOrDefault(l => l.ServiceName == workerName && l.TraceId == traced), Deadline, ct);
        Assert.StartsWith("FilePipeline.Processor", log.Category, StringComparison.Ordinal);

        // The processor's metrics, by name.
        await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "reports/retried.txt", ct), r => r is not null, Deadline,
            "the retried file's record; worker output:\n" + worker.Output, ct);
        foreach (var name in new[] { "filepipeline.files", "filepipeline.processing.duration", "filepipeline.queue.lag", "filepipeline.batch.size", "filepipeline.retries" })
        {
            await receiver.WaitForAsync($"the metric {name}",
                r => r.Metrics.FirstOrDefault(m => m.ServiceName == workerName && m.Scope == "FilePipeline.Processor" && m.Name == name), Deadline, ct);
        }
        await receiver.WaitForAsync("filepipeline.files by status processed",
            r => r.Metrics.FirstOrDefault(m => m.ServiceName == workerName && m.Name == "filepipeline.files"
                && m.PointAttributes.Any(p => string.Equals(p.GetValueOrDefault("status"), "processed", StringComparison.OrdinalIgnoreCase))), Deadline, ct);
        Assert.Empty(receiver.Rejected);
    }

    /// <summary>Receives what is in the queue and makes it visible again at once; true once the event of <paramref name="key"/> was among it.</summary>
    private static async Task<bool> ReleaseAfterOneReceiveAsync(QueueResources queues, string key, CancellationToken ct)
    {
        var received = await queues.Sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest
        {
            QueueUrl = queues.QueueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 1,
        }, ct);
        var found = false;
        foreach (var message in received.Messages ?? [])
        {
            await queues.Sqs.ChangeMessageVisibilityAsync(queues.QueueUrl, message.ReceiptHandle!, 0, ct);
            // S3 events carry the key URL-encoded (reports%2Fretried.txt).
            found |= message.Body?.Contains(Uri.EscapeDataString(key), StringComparison.Ordinal) == true
                || message.Body?.Contains(key, StringComparison.Ordinal) == true;
        }

        return found;
    }
}
