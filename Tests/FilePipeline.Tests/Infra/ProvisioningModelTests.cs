using Amazon.Runtime;
using FilePipeline.Provisioning;

namespace FilePipeline.Tests.Infra;

public sealed class ProvisioningModelTests
{
    private static readonly Dictionary<string, string> Outputs = new()
    {
        ["BucketName"] = "fp-uploads-123456789012",
        ["QueueUrl"] = "http://127.0.0.1:5000/123456789012/fp-Queue-1",
        ["QueueArn"] = "arn:aws:sqs:us-east-1:123456789012:fp-Queue-1",
        ["DeadLetterQueueUrl"] = "http://127.0.0.1:5000/123456789012/fp-DeadLetterQueue-1",
        ["DeadLetterQueueArn"] = "arn:aws:sqs:us-east-1:123456789012:fp-DeadLetterQueue-1",
        ["TableName"] = "fp-RecordTable-1",
        ["Routing"] = "Sns",
        ["TopicArn"] = "arn:aws:sns:us-east-1:123456789012:fp-uploads",
    };

    [Fact]
    public void Outputs_become_aspire_style_environment_variables()
    {
        var outputs = StackOutputs.From("fp", Outputs);

        var environment = outputs.ToEnvironment();

        Assert.Equal(Outputs.Count, environment.Count);
        Assert.Equal("fp-uploads-123456789012", environment["AWS__Resources__BucketName"]);
        Assert.Equal(Outputs["QueueUrl"], environment["AWS__Resources__QueueUrl"]);
        Assert.Equal(Outputs["DeadLetterQueueUrl"], environment["AWS__Resources__DeadLetterQueueUrl"]);
        Assert.Equal("fp-RecordTable-1", environment["AWS__Resources__TableName"]);
        Assert.Equal(RoutingMode.Sns, outputs.Routing);
        Assert.Equal(Outputs["TopicArn"], outputs.TopicArn);
    }

    [Fact]
    public void Missing_output_is_named_in_the_error()
    {
        var partial = new Dictionary<string, string>(Outputs);
        partial.Remove("TableName");
        partial.Remove("QueueArn");

        var error = Assert.Throws<InvalidOperationException>(() => StackOutputs.From("fp", partial));

        Assert.Contains("QueueArn, TableName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file-pipeline")]
    [InlineData("fp1")]
    [InlineData("a-stack-name-of-exactly-forty-chars-xyz1")]
    public void Bucket_compatible_stack_names_are_accepted(string name)
    {
        StackTemplate.ValidateStackName(name); // throws if refused

        // What makes a name bucket-compatible: every bucket named after the stack is a valid S3 bucket name
        // (3 to 63 characters of lower case letters, digits, dots and dashes, a letter or digit at each end).
        foreach (var bucket in new[] { StackProvisioner.UploadBucketName(name, "123456789012"), StackProvisioner.ArtifactsBucketName(name, "123456789012") })
        {
            Assert.Matches("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", bucket);
        }
    }

    [Theory]
    [InlineData("FilePipeline")]
    [InlineData("1pipeline")]
    [InlineData("pipeline-")]
    [InlineData("pipe_line")]
    [InlineData("a-stack-name-of-forty-one-characters-xyz1")]
    public void Stack_names_that_cannot_name_the_bucket_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => StackTemplate.ValidateStackName(name));

        Assert.Contains("lower case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_region_is_a_clear_error()
    {
        var error = Assert.Throws<AwsSettingsException>(() => AwsSettings.Resolve(null, () => new BasicAWSCredentials("a", "b"), null));

        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_are_a_clear_error()
    {
        var error = Assert.Throws<AwsSettingsException>(() => AwsSettings.Resolve(
            "eu-west-1", () => throw new AmazonClientException("Failed to resolve AWS credentials."), null));

        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_PROFILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_setting_signs_for_the_region_keeps_the_url_and_addresses_S3_by_path()
    {
        var settings = AwsSettings.Resolve("eu-west-1", () => new BasicAWSCredentials("a", "b"), "http://127.0.0.1:5000");

        using var s3 = Microsoft.Extensions.Hosting.AwsClientExtensions.CreateAwsClient<Amazon.S3.IAmazonS3>(settings.ToAWSOptions());

        Assert.Equal("http://127.0.0.1:5000/", s3.Config.ServiceURL);
        Assert.Equal("eu-west-1", s3.Config.AuthenticationRegion);
        Assert.Equal("http://127.0.0.1:5000/bucket/",
            s3.DetermineServiceOperationEndpoint(new Amazon.S3.Model.GetObjectRequest { BucketName = "bucket", Key = "key" }).URL);
    }
}
