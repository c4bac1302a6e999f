using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

/// <summary>Settings and SDK clients pointed at the shared emulator.</summary>
public sealed class MotoAws(MotoFixture moto) : IDisposable
{
    public AwsSettings Settings { get; } = new(RegionEndpoint.GetBySystemName(moto.Region), new BasicAWSCredentials("test", "test"), moto.Url);

    public IAmazonS3 S3 { get; } = moto.Client<IAmazonS3>();

    public IAmazonSQS Sqs { get; } = moto.Client<IAmazonSQS>();

    public IAmazonDynamoDB Dynamo { get; } = moto.Client<IAmazonDynamoDB>();

    /// <summary>A stack name no other test uses, short enough to name the bucket too.</summary>
    public static string StackName(string prefix) => MotoFixture.UniqueName(prefix)[..Math.Min(prefix.Length + 21, StackTemplate.MaxStackNameLength)];

    public void Dispose()
    {
        S3.Dispose();
        Sqs.Dispose();
        Dynamo.Dispose();
    }
}
