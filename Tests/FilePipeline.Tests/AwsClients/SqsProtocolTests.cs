using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// Wire shape and pipeline behaviour against a scripted local server: request bodies and headers compared with
/// the examples in AWS's SQS documentation, documented responses parsed, retries on 5xx.
/// </summary>
public sealed class SqsProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AmazonSQSClient Client(ScriptedHttpServer server, int? maxErrorRetry = null)
    {
        var config = new AmazonSQSConfig { ServiceURL = server.Url.ToString(), AuthenticationRegion = "us-west-2" };
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return new AmazonSQSClient(AwsClientFactory.Credentials, config);
    }

    [Fact]
    public async Task CreateQueue_request_and_response_match_the_documented_example()
    {
        // SQS Developer Guide, "Making query API requests using AWS JSON protocol" and "Interpreting Amazon SQS JSON API responses".
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(200,
            """{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/111122223333/MyQueue"}""",
            new() { ["x-amzn-RequestId"] = "req-1" }));
        using var sqs = Client(server);

        var response = await sqs.CreateQueueAsync(new CreateQueueRequest("MyQueue")
        {
            Attributes = new() { ["VisibilityTimeout"] = "40" },
            Tags = new() { ["QueueType"] = "Production" },
        }, Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("AmazonSQS.CreateQueue", request.Headers["X-Amz-Target"]);
        Assert.StartsWith("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Contains("/us-west-2/sqs/aws4_request", request.Headers["Authorization"]);
        AssertJsonEqual("""{ "QueueName":"MyQueue", "Attributes": { "VisibilityTimeout": "40" }, "tags": { "QueueType": "Production" } }""", request.Body);
        Assert.Equal("https://sqs.us-east-1.amazonaws.com/111122223333/MyQueue", response.QueueUrl);
        Assert.Equal("req-1", response.ResponseMetadata.RequestId);
        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
    }

    [Fact]
    public async Task Documented_error_response_becomes_QueueDoesNotExistException_with_the_query_code()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(400,
            """{ "__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist." }""",
            new()
            {
                ["x-amzn-RequestId"] = "66916324-67ca-54bb-a410-3f567a7a0571",
                ["x-amzn-query-error"] = "AWS.SimpleQueueService.NonExistentQueue;Sender",
            }));
        using var sqs = Client(server);

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(
            () => sqs.GetQueueUrlAsync(new GetQueueUrlRequest("MyQueue"), Ct));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.ErrorCode);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal("The specified queue does not exist.", error.Message);
        Assert.Equal("66916324-67ca-54bb-a410-3f567a7a0571", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Error_without_query_header_uses_the_type_name_as_code()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(400,
            """{ "__type": "com.amazonaws.sqs#ReceiptHandleIsInvalid", "Message": "The input receipt handle is invalid." }"""));
        using var sqs = Client(server);

        var error = await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(
            () => sqs.DeleteMessageAsync(new DeleteMessageRequest("https://sqs.us-west-2.amazonaws.com/1/q", "bad"), Ct));

        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
        Assert.Equal("The input receipt handle is invalid.", error.Message);
    }

    [Fact]
    public async Task Server_error_is_retried_by_the_sdk_pipeline_then_succeeds()
    {
        await using var server = new ScriptedHttpServer(
            new ScriptedResponse(500, "text/html", "<html>Internal Server Error</html>"),
            ScriptedResponse.AwsJson(200, """{"QueueUrl":"https://sqs.us-west-2.amazonaws.com/1/q"}"""));
        using var sqs = Client(server);

        var response = await sqs.GetQueueUrlAsync(new GetQueueUrlRequest("q"), Ct);

        Assert.Equal("https://sqs.us-west-2.amazonaws.com/1/q", response.QueueUrl);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("""{"QueueName":"q"}""", r.Body));
    }

    [Fact]
    public async Task Server_error_without_retries_left_surfaces_as_AmazonSQSException_500()
    {
        await using var server = new ScriptedHttpServer(
            new ScriptedResponse(500, "text/html", "<html>Internal Server Error</html>"),
            ScriptedResponse.AwsJson(200, """{"QueueUrl":"never"}"""));
        using var sqs = Client(server, maxErrorRetry: 0);

        var error = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.GetQueueUrlAsync(new GetQueueUrlRequest("q"), Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(ErrorType.Receiver, error.ErrorType);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Client_error_is_not_retried()
    {
        await using var server = new ScriptedHttpServer(
            ScriptedResponse.AwsJson(400, """{"__type":"com.amazonaws.sqs#InvalidAttributeName","message":"Unknown Attribute Foo."}"""),
            ScriptedResponse.AwsJson(200, "{}"));
        using var sqs = Client(server);

        await Assert.ThrowsAsync<InvalidAttributeNameException>(
            () => sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest("https://sqs.us-west-2.amazonaws.com/1/q", ["Foo"]), Ct));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendMessageBatch_request_follows_the_documented_syntax_with_base64_blobs()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(200, """
            {
              "Successful": [ { "Id": "m1", "MessageId": "e8a5f2ab-1", "MD5OfMessageBody": "d41d8cd98f00b204e9800998ecf8427e" } ],
              "Failed": [ { "Id": "m2", "SenderFault": true, "Code": "InvalidMessageContents", "Message": "Invalid characters" } ]
            }
            """));
        using var sqs = Client(server);

        var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest("https://sqs.us-west-2.amazonaws.com/1/q",
        [
            new SendMessageBatchRequestEntry("m1", "ünï ✓")
            {
                DelaySeconds = 5,
                MessageAttributes = new() { ["bin"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([0, 1, 2]) } },
                MessageSystemAttributes = new() { ["AWSTraceHeader"] = new MessageSystemAttributeValue { DataType = "String", StringValue = "Root=1-5759e988-bd862e3fe1be46a994272793" } },
            },
            new SendMessageBatchRequestEntry("m2", "\u0001"),
        ]), Ct);

        AssertJsonEqual("""
            {
              "QueueUrl": "https://sqs.us-west-2.amazonaws.com/1/q",
              "Entries": [
                {
                  "Id": "m1", "MessageBody": "ünï ✓", "DelaySeconds": 5,
                  "MessageAttributes": { "bin": { "DataType": "Binary", "BinaryValue": "AAEC" } },
                  "MessageSystemAttributes": { "AWSTraceHeader": { "DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793" } }
                },
                { "Id": "m2", "MessageBody": "\u0001" }
              ]
            }
            """, Assert.Single(server.Requests).Body);
        Assert.Equal("AmazonSQS.SendMessageBatch", server.Requests.Single().Headers["X-Amz-Target"]);
        Assert.Equal("e8a5f2ab-1", Assert.Single(response.Successful!).MessageId);
        var failed = Assert.Single(response.Failed!);
        Assert.Equal(("m2", true, "InvalidMessageContents"), (failed.Id, failed.SenderFault, failed.Code));
    }

    [Fact]
    public async Task ReceiveMessage_request_and_response_follow_the_documented_shapes()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(200, """
            {
              "Messages": [
                {
                  "Attributes": { "SenderId": "AIDASSYFHUBOBT7F4XT75", "ApproximateFirstReceiveTimestamp": "1677112433437", "ApproximateReceiveCount": "1", "SentTimestamp": "1677112427387" },
                  "Body": "This is a test message",
                  "MD5OfBody": "fafb00f5732ab283681e124bf8747ed1",
                  "MessageId": "219f8380-5770-4cc2-8c3e-5c715e145f5e",
                  "ReceiptHandle": "AQEBaZ+j5qUoOAoxlmrCQPkBm9njMWXqemmIG6shMHCO6fV20JrQYg==",
                  "MD5OfMessageAttributes": "d25a6aea97eb8f585bfa92d314504a92",
                  "MessageAttributes": { "City": { "DataType": "String", "StringValue": "Any City" }, "Blob": { "DataType": "Binary", "BinaryValue": "AAEC" } }
                }
              ]
            }
            """));
        using var sqs = Client(server);

        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest("https://sqs.us-east-1.amazonaws.com/177715257436/MyQueue/")
        {
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
            MaxNumberOfMessages = 5,
            VisibilityTimeout = 15,
            WaitTimeSeconds = 20,
        }, Ct);

        AssertJsonEqual("""
            {
              "QueueUrl": "https://sqs.us-east-1.amazonaws.com/177715257436/MyQueue/",
              "MessageSystemAttributeNames": [ "All" ],
              "MessageAttributeNames": [ "All" ],
              "MaxNumberOfMessages": 5,
              "VisibilityTimeout": 15,
              "WaitTimeSeconds": 20
            }
            """, Assert.Single(server.Requests).Body);
        var message = Assert.Single(response.Messages!);
        Assert.Equal("219f8380-5770-4cc2-8c3e-5c715e145f5e", message.MessageId);
        Assert.Equal("This is a test message", message.Body);
        Assert.Equal("fafb00f5732ab283681e124bf8747ed1", message.MD5OfBody);
        Assert.Equal("1", message.Attributes![MessageSystemAttributeName.ApproximateReceiveCount]);
        Assert.Equal("Any City", message.MessageAttributes!["City"].StringValue);
        Assert.Equal(new byte[] { 0, 1, 2 }, message.MessageAttributes["Blob"].BinaryValue!.ToArray());
    }

    [Fact]
    public async Task Empty_receive_leaves_Messages_null_as_AWSSDK_v4_does()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.AwsJson(200, "{}"));
        using var sqs = Client(server);

        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest("https://sqs.us-west-2.amazonaws.com/1/q"), Ct);

        Assert.Null(response.Messages);
        AssertJsonEqual("""{"QueueUrl":"https://sqs.us-west-2.amazonaws.com/1/q"}""", Assert.Single(server.Requests).Body);
    }

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");
}
