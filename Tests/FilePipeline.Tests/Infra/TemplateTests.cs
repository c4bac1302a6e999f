using System.Diagnostics;
using System.Text.Json.Nodes;
using FilePipeline.BucketNotifications;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Lambda;
using FilePipeline.Provisioning;

namespace FilePipeline.Tests.Infra;

public sealed class TemplateTests
{
    private static readonly JsonObject Template = TemplateDocument.Load();

    private static JsonObject Resource(string name) => Template["Resources"]![name]!.AsObject();

    [Fact]
    public async Task Cfn_lint_reports_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("cfn-lint", ["--", "infra/filepipeline.yaml"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cfn-lint is not installed (pip install cfn-lint): {e.Message}");
            return;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"cfn-lint exit {process.ExitCode}:\n{await stdout}\n{await stderr}");
            Assert.Equal("", (await stdout).Trim());
        }
    }

    [Fact]
    public void Embedded_template_is_the_file_in_infra()
    {
        var file = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "filepipeline.yaml"));

        Assert.Equal(file, StackTemplate.Body);
    }

    [Fact]
    public void Table_has_exactly_the_record_table_layout()
    {
        var expected = RecordTable.CreateTableRequest("t");
        var table = Resource("RecordTable")["Properties"]!;

        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.ToString());
        Assert.Equal(
            expected.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}").Order(),
            table["AttributeDefinitions"]!.AsArray().Select(a => $"{a!["AttributeName"]}:{a["AttributeType"]}").Order());
        Assert.Equal(
            expected.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"),
            table["KeySchema"]!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}"));
        Assert.Equal(
            expected.GlobalSecondaryIndexes.Select(i =>
                $"{i.IndexName}({string.Join(",", i.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"))}){i.Projection.ProjectionType.Value}"),
            table["GlobalSecondaryIndexes"]!.AsArray().Select(i =>
                $"{i!["IndexName"]}({string.Join(",", i["KeySchema"]!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}"))}){i["Projection"]!["ProjectionType"]}"));
    }

    [Fact]
    public void Visibility_timeout_is_at_least_six_times_every_allowed_function_timeout()
    {
        var allowed = Template["Parameters"]!["FunctionTimeout"]!["AllowedValues"]!.AsArray().Select(v => v!.ToString()).ToList();
        var mapping = Template["Mappings"]!["QueueTimeouts"]!.AsObject();

        Assert.NotEmpty(allowed);
        foreach (var timeout in allowed)
        {
            var visibility = int.Parse(mapping[timeout]!["VisibilityTimeout"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(visibility >= 6 * int.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture), $"timeout {timeout}: visibility {visibility}");
        }

        Assert.Equal("QueueTimeouts", Resource("Queue")["Properties"]!["VisibilityTimeout"]!["Fn::FindInMap"]![0]!.ToString());
    }

    [Fact]
    public void Redrive_allows_at_least_five_receives()
    {
        var parameter = Template["Parameters"]!["MaxReceiveCount"]!;
        Assert.True(int.Parse(parameter["MinValue"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 5);
        Assert.True(int.Parse(parameter["Default"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 5);
        Assert.Equal("MaxReceiveCount", Resource("Queue")["Properties"]!["RedrivePolicy"]!["maxReceiveCount"]!["Ref"]!.ToString());
    }

    [Fact]
    public void Function_and_event_source_mapping_exist_only_in_the_cloud()
    {
        foreach (var name in (string[])["Processor", "ProcessorEventSource", "ProcessorRole", "ProcessorLogGroup", "FunctionErrorsAlarm"])
        {
            Assert.Equal("IsCloud", Resource(name)["Condition"]?.ToString());
        }

        var mapping = Resource("ProcessorEventSource")["Properties"]!;
        Assert.Equal(["ReportBatchItemFailures"], mapping["FunctionResponseTypes"]!.AsArray().Select(t => t!.ToString()));
        Assert.Equal("BatchSize", mapping["BatchSize"]!["Ref"]!.ToString());
        Assert.Equal("MaximumBatchingWindowInSeconds", mapping["MaximumBatchingWindowInSeconds"]!["Ref"]!.ToString());
        Assert.Equal("MaximumConcurrency", mapping["ScalingConfig"]!["MaximumConcurrency"]!["Ref"]!.ToString());
        var function = Resource("Processor")["Properties"]!;
        Assert.Equal("provided.al2023", function["Runtime"]!.ToString());
        Assert.Equal("Architecture", function["Architectures"]![0]!["Ref"]!.ToString());
    }

    [Fact]
    public void Existing_bucket_is_never_owned_and_is_attached_by_a_cloud_only_custom_resource_on_the_processors_package()
    {
        Assert.Equal("CreateBucket", Resource("UploadBucket")["Condition"]?.ToString());
        Assert.Equal("CreateBucket", Resource("UploadBucketPolicy")["Condition"]?.ToString());
        Assert.Equal(
            ["IsCloud", "UseExistingBucket"],
            Template["Conditions"]!["AttachToExistingBucket"]!["Fn::And"]!.AsArray().Select(c => c!["Condition"]!.ToString()));
        foreach (var name in (string[])["BucketNotification", "BucketNotificationFunction", "BucketNotificationRole", "BucketNotificationLogGroup"])
        {
            Assert.Equal("AttachToExistingBucket", Resource(name)["Condition"]?.ToString());
        }

        var custom = Resource("BucketNotification")["Properties"]!;
        Assert.Equal("BucketNotificationFunction.Arn", custom["ServiceToken"]!["Fn::GetAtt"]!.ToString());
        Assert.Equal(PipelineNotification.IdFor("${AWS::StackName}"), custom["ConfigurationId"]!["Fn::Sub"]!.ToString());
        Assert.Equal("ExistingBucketName", custom["BucketName"]!["Ref"]!.ToString());
        Assert.InRange(int.Parse(custom["ServiceTimeout"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);

        var function = Resource("BucketNotificationFunction")["Properties"]!;
        var processor = Resource("Processor")["Properties"]!;
        Assert.Equal(LambdaHandlers.BucketNotificationName, function["Handler"]!.ToString());
        Assert.Equal(LambdaHandlers.SqsBatchName, processor["Handler"]!.ToString());
        Assert.Equal(processor["Code"]!.ToJsonString(), function["Code"]!.ToJsonString());
        Assert.Equal(processor["Runtime"]!.ToString(), function["Runtime"]!.ToString());

        var edit = Resource("BucketNotificationRole")["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(statement => statement!["Sid"]!.ToString() == "EditTheBucketsNotification")!;
        Assert.Equal(["s3:GetBucketNotification", "s3:PutBucketNotification"], edit["Action"]!.AsArray().Select(a => a!.ToString()));
        Assert.Equal("arn:${AWS::Partition}:s3:::${ExistingBucketName}", edit["Resource"]!["Fn::Sub"]!.ToString());
    }

    [Fact]
    public void Queue_policy_accepts_only_this_source_and_account()
    {
        var statement = Resource("QueuePolicy")["Properties"]!["PolicyDocument"]!["Statement"]![0]!;

        Assert.Equal("sqs:SendMessage", statement["Action"]!.ToString());
        Assert.NotNull(statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]);
        Assert.Equal("AWS::AccountId", statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]!.ToString());
    }

    [Fact]
    public void Outputs_name_everything_a_service_needs()
    {
        var outputs = Template["Outputs"]!.AsObject().Select(o => o.Key).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "BucketName", "BucketOwnedByStack", "QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn", "TableName", "Routing", "TopicArn", "EventRuleName", "FunctionName", "DashboardName" },
            outputs);
    }
}
