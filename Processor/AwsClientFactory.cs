using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;

namespace FilePipeline.Processor;

/// <summary>
/// AWS clients from the SDK's environment: credentials and region from the default chain, endpoints from
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> or <c>AWS_ENDPOINT_URL</c>; S3 path-style when an endpoint is set.
/// </summary>
public static class AwsClientFactory
{
    public static IAmazonS3 CreateS3()
    {
        var config = new AmazonS3Config();
        if (Endpoint("S3") is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region;
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(config);
    }

    public static IAmazonDynamoDB CreateDynamoDB()
    {
        var config = new AmazonDynamoDBConfig();
        if (Endpoint("DYNAMODB") is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region;
        }

        return new AmazonDynamoDBClient(config);
    }

    public static IAmazonSQS CreateSqs()
    {
        var config = new AmazonSQSConfig();
        if (Endpoint("SQS") is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region;
        }

        return new AmazonSQSClient(config);
    }

    private static string Region =>
        Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";

    private static string? Endpoint(string service) =>
        Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + service) is { Length: > 0 } specific ? specific
        : Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } general ? general
        : null;
}
