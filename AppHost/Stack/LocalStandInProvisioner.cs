using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.AppHost.Stack;

/// <summary>
/// TEMPORARY stand-in for Provisioning's <c>StackProvisioner.ProvisionLocalAsync</c> (infrastructure issue):
/// creates the bucket, queue + DLQ, table and bucket notification by API. Queues are created with a bare
/// SQS JSON call (the SQS client is not on main yet). Removed as soon as Provisioning lands.
/// </summary>
public static class LocalStandInProvisioner
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<PipelineResources> ProvisionAsync(
        Uri endpoint, string region, string stackName, CancellationToken cancellationToken)
    {
        var bucket = $"{stackName}-uploads";
        var table = $"{stackName}-records";
        var dlq = await CreateQueueAsync(endpoint, region, $"{stackName}-dlq", [], cancellationToken);
        var dlqArn = await QueueArnAsync(endpoint, region, dlq, cancellationToken);
        var redrive = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"5"}""";
        var queue = await CreateQueueAsync(endpoint, region, $"{stackName}-events",
            new Dictionary<string, string> { ["RedrivePolicy"] = redrive, ["VisibilityTimeout"] = "30" }, cancellationToken);
        var queueArn = await QueueArnAsync(endpoint, region, queue, cancellationToken);

        using var s3 = new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region,
        });
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Idempotent against an emulator that already has the stack.
        }

        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = queueArn,
                    Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll],
                },
            ],
        }, cancellationToken);

        using var dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(), AuthenticationRegion = region,
        });
        try
        {
            await dynamo.CreateTableAsync(RecordTable.CreateTableRequest(table), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there.
        }

        return new PipelineResources(bucket, queue, queueArn, dlq, table);
    }

    private static async Task<string> CreateQueueAsync(
        Uri endpoint, string region, string name, Dictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object> { ["QueueName"] = name, ["Attributes"] = attributes };
        using var document = await SqsAsync(endpoint, region, "CreateQueue", body, cancellationToken);
        return document.RootElement.GetProperty("QueueUrl").GetString()!;
    }

    private static async Task<string> QueueArnAsync(Uri endpoint, string region, string queueUrl, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object> { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new[] { "QueueArn" } };
        using var document = await SqsAsync(endpoint, region, "GetQueueAttributes", body, cancellationToken);
        return document.RootElement.GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
    }

    private static async Task<JsonDocument> SqsAsync(
        Uri endpoint, string region, string operation, Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(body, StandInJsonContext.Default.DictionaryStringObject),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonSQS." + operation);
        // Emulators route by the SigV4 credential scope and do not verify the signature.
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/20260101/{region}/sqs/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"SQS {operation} failed ({(int)response.StatusCode}): {text}");
        }

        return JsonDocument.Parse(text);
    }
}
