using Amazon.CloudFormation;
using Amazon.Runtime;
using Amazon.SQS;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.AwsClients;

/// <summary>Clients pointed at the shared moto_server with an explicit ServiceURL.</summary>
internal static class AwsClientFactory
{
    public static readonly BasicAWSCredentials Credentials = new("test", "test");

    public static AmazonSQSClient Sqs(MotoFixture moto, int? maxErrorRetry = null)
    {
        var config = new AmazonSQSConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region };
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return new AmazonSQSClient(Credentials, config);
    }

    public static AmazonCloudFormationClient CloudFormation(MotoFixture moto) =>
        new(Credentials, new AmazonCloudFormationConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region });
}
