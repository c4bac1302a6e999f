using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Operations;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>
/// The viewer's reconcile: the one implementation the command line and the AppHost share (<see cref="Reconcile"/>),
/// over the pipeline's bucket, table and queue.
/// </summary>
public sealed class RecordReconciler(IAmazonS3 s3, IAmazonSQS sqs, IAmazonDynamoDB dynamo, IOptions<ResourceOptions> resources)
{
    public async Task<ReconcileOutcome> RunAsync(string? prefix, CancellationToken cancellationToken)
    {
        var options = resources.Value;
        if (string.IsNullOrEmpty(options.QueueUrl))
        {
            throw new InvalidOperationException("No queue is configured (AWS:Resources:QueueUrl): reconcile has nowhere to send its syncs.");
        }

        prefix ??= "";
        var counts = await new Reconcile(s3, sqs, dynamo, options.BucketName, options.QueueUrl, options.TableName)
            .RunAsync(prefix, null, cancellationToken);
        var scope = prefix.Length == 0 ? "" : $" under '{prefix}'";
        return new ReconcileOutcome(prefix, counts,
            $"Compared {counts.Objects} objects with {counts.Records} records{scope}: {counts.InSync} in sync, "
            + $"{counts.ObjectsWithoutRecord} objects without a record, {counts.RecordsWithoutObject} records without an object, "
            + $"{counts.StaleRecords} stale; enqueued {counts.Enqueued} syncs ({counts.Failed} failed).");
    }
}
