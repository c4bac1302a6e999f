using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using FilePipeline.CloudFormationClient.Waiters;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.AwsClients;

/// <summary>The CloudFormation client and waiters against moto: stacks, change sets, errors.</summary>
public sealed class CloudFormationClientTests(MotoFixture moto)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Template(string description = "FilePipeline test stack ✓") => $$"""
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "{{description}}",
          "Parameters": {
            "QueueName": { "Type": "String", "Description": "Name of the queue" },
            "Visibility": { "Type": "Number", "Default": "30" }
          },
          "Resources": {
            "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Ref": "QueueName" }, "VisibilityTimeout": { "Ref": "Visibility" } } }
          },
          "Outputs": {
            "QueueUrl": { "Value": { "Ref": "Queue" } },
            "QueueArn": { "Value": { "Fn::GetAtt": ["Queue", "Arn"] } },
            "Visibility": { "Value": { "Ref": "Visibility" } }
          }
        }
        """;

    private static StackWaiter Waiter(IAmazonCloudFormation cfn) => new(cfn) { PollInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task ValidateTemplate_reports_the_description_and_rejects_an_invalid_template()
    {
        // One test: moto runs cfn-lint on every ValidateTemplate, several seconds each on this machine.
        using var cfn = AwsClientFactory.CloudFormation(moto);

        var result = await cfn.ValidateTemplateAsync(new ValidateTemplateRequest { TemplateBody = Template() }, Ct);
        var error = await Assert.ThrowsAsync<AmazonCloudFormationException>(
            () => cfn.ValidateTemplateAsync(new ValidateTemplateRequest { TemplateBody = """{ "Resources": "not a map" """ }, Ct));

        Assert.Equal("FilePipeline test stack ✓", result.Description);
        // moto 5.2.1 answers <Parameters/>: parameter parsing is covered by CloudFormationProtocolTests against AWS's example.
        Assert.NotNull(result.Parameters);
        Assert.Empty(result.Parameters);
        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Stack_lifecycle_create_describe_update_delete_with_waiters()
    {
        using var cfn = AwsClientFactory.CloudFormation(moto);
        var stackName = MotoFixture.UniqueName("stack");
        var queueName = MotoFixture.UniqueName("cfq");

        var created = await cfn.CreateStackAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = Template(),
            Parameters = [new Parameter { ParameterKey = "QueueName", ParameterValue = queueName }],
            Capabilities = [Capability.CAPABILITY_IAM.Value],
            Tags = [new Tag { Key = "app", Value = "file-pipeline" }],
        }, Ct);
        var stack = await Waiter(cfn).WaitForStackCreateCompleteAsync(stackName, Timeout, Ct);

        Assert.Equal(created.StackId, stack.StackId);
        Assert.Equal(StackStatus.CREATE_COMPLETE, stack.StackStatus);
        Assert.EndsWith("/" + queueName, Output(stack, "QueueUrl"));
        Assert.EndsWith(":" + queueName, Output(stack, "QueueArn"));
        Assert.Equal("30", Output(stack, "Visibility"));
        Assert.Contains(stack.Parameters!, p => p.ParameterKey == "QueueName" && p.ParameterValue == queueName);
        Assert.NotNull(stack.CreationTime);
        var events = await cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest(stackName), Ct);
        // moto reports stack-level events only (no per-resource events).
        Assert.Contains(events.StackEvents!, e => e.LogicalResourceId == stackName && e.ResourceStatus == ResourceStatus.CREATE_COMPLETE);

        await cfn.UpdateStackAsync(new UpdateStackRequest
        {
            StackName = stackName,
            UsePreviousTemplate = true,
            Parameters =
            [
                new Parameter { ParameterKey = "QueueName", UsePreviousValue = true },
                new Parameter { ParameterKey = "Visibility", ParameterValue = "45" },
            ],
        }, Ct);
        var updated = await Waiter(cfn).WaitForStackUpdateCompleteAsync(stackName, Timeout, Ct);
        Assert.Equal("45", Output(updated, "Visibility"));

        await cfn.DeleteStackAsync(new DeleteStackRequest(stackName), Ct);
        await Waiter(cfn).WaitForStackDeleteCompleteAsync(stackName, Timeout, Ct);
        var gone = await Assert.ThrowsAsync<AmazonCloudFormationException>(
            () => cfn.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, Ct));
        Assert.True(StackWaiter.IsMissingStack(gone), gone.Message);
    }

    [Fact]
    public async Task Change_set_create_describe_execute()
    {
        using var cfn = AwsClientFactory.CloudFormation(moto);
        var stackName = MotoFixture.UniqueName("csstack");
        var queueName = MotoFixture.UniqueName("csq");

        var changeSet = await cfn.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = stackName,
            ChangeSetName = "initial",
            ChangeSetType = ChangeSetType.CREATE,
            TemplateBody = Template(),
            Parameters = [new Parameter { ParameterKey = "QueueName", ParameterValue = queueName }],
        }, Ct);
        var described = await Waiter(cfn).WaitForChangeSetCreateCompleteAsync(stackName, "initial", Timeout, Ct);

        Assert.Equal(changeSet.Id, described.ChangeSetId);
        Assert.Equal(changeSet.StackId, described.StackId);
        Assert.Contains(described.Changes!, c => c.ResourceChange?.LogicalResourceId == "Queue" && c.ResourceChange.Action == ChangeAction.Add);

        await cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { StackName = stackName, ChangeSetName = "initial" }, Ct);
        var stack = await Waiter(cfn).WaitForStackCreateCompleteAsync(stackName, Timeout, Ct);

        Assert.Equal(changeSet.StackId, stack.StackId);
        await cfn.DeleteStackAsync(new DeleteStackRequest(stackName), Ct);
    }

    [Fact]
    public async Task Duplicate_stack_is_AlreadyExistsException()
    {
        using var cfn = AwsClientFactory.CloudFormation(moto);
        var stackName = MotoFixture.UniqueName("dup");
        var request = new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = Template(),
            Parameters = [new Parameter { ParameterKey = "QueueName", ParameterValue = MotoFixture.UniqueName("dupq") }],
        };
        await cfn.CreateStackAsync(request, Ct);

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => cfn.CreateStackAsync(request, Ct));

        Assert.Equal("AlreadyExistsException", error.ErrorCode);
        await cfn.DeleteStackAsync(new DeleteStackRequest(stackName), Ct);
    }

    [Fact]
    public async Task Missing_stack_is_a_ValidationError_and_delete_waiter_treats_it_as_gone()
    {
        using var cfn = AwsClientFactory.CloudFormation(moto);
        var stackName = MotoFixture.UniqueName("nostack");

        var error = await Assert.ThrowsAsync<AmazonCloudFormationException>(
            () => cfn.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, Ct));
        await Waiter(cfn).WaitForStackDeleteCompleteAsync(stackName, TimeSpan.FromSeconds(5), Ct);

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.True(StackWaiter.IsMissingStack(error), error.Message);
    }

    private static string? Output(Stack stack, string key) =>
        stack.Outputs?.SingleOrDefault(o => o.OutputKey == key)?.OutputValue;
}
