using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// The CloudFormation client, built the way every product client is (<c>AddAwsClient</c>), against moto: the
/// operations Provisioning uses (stacks, change sets, events) and the errors it catches.
/// </summary>
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

    /// <summary>moto completes a stack within the call; this still waits (with a deadline) rather than assume it.</summary>
    private static async Task<Stack> SettledAsync(IAmazonCloudFormation cfn, string stackName)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var stack = Assert.Single((await cfn.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, Ct)).Stacks!);
            if (stack.StackStatus?.Value.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) != true || DateTime.UtcNow > deadline)
            {
                return stack;
            }

            await Task.Delay(200, Ct);
        }
    }

    [Fact]
    public async Task Stack_lifecycle_create_describe_update_delete()
    {
        using var cfn = moto.Client<IAmazonCloudFormation>();
        var stackName = MotoFixture.UniqueName("stack");
        var queueName = MotoFixture.UniqueName("cfq");

        var created = await cfn.CreateStackAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = Template(),
            Parameters = [new Parameter { ParameterKey = "QueueName", ParameterValue = queueName }],
            Capabilities = ["CAPABILITY_IAM"],
        }, Ct);
        var stack = await SettledAsync(cfn, stackName);

        Assert.Equal(created.StackId, stack.StackId);
        Assert.Equal(StackStatus.CREATE_COMPLETE, stack.StackStatus);
        Assert.EndsWith("/" + queueName, Output(stack, "QueueUrl"));
        Assert.EndsWith(":" + queueName, Output(stack, "QueueArn"));
        Assert.Equal("30", Output(stack, "Visibility"));
        Assert.Contains(stack.Parameters!, p => p.ParameterKey == "QueueName" && p.ParameterValue == queueName);
        Assert.NotNull(stack.CreationTime);
        var events = await cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest { StackName = stackName }, Ct);
        // moto reports stack-level events only (no per-resource events).
        Assert.Contains(events.StackEvents!, e => e.LogicalResourceId == stackName && e.ResourceStatus == ResourceStatus.CREATE_COMPLETE);

        await cfn.UpdateStackAsync(new UpdateStackRequest
        {
            StackName = stackName,
            TemplateBody = Template(),
            Parameters =
            [
                new Parameter { ParameterKey = "QueueName", ParameterValue = queueName },
                new Parameter { ParameterKey = "Visibility", ParameterValue = "45" },
            ],
        }, Ct);
        var updated = await SettledAsync(cfn, stackName);
        Assert.Equal(StackStatus.UPDATE_COMPLETE, updated.StackStatus);
        Assert.Equal("45", Output(updated, "Visibility"));

        await cfn.DeleteStackAsync(new DeleteStackRequest { StackName = stackName }, Ct);
        var deleted = await Assert.ThrowsAnyAsync<AmazonCloudFormationException>(() => SettledAsync(cfn, stackName));
        Assert.Contains("does not exist", deleted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_set_create_describe_execute()
    {
        using var cfn = moto.Client<IAmazonCloudFormation>();
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
        var described = await cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest { StackName = stackName, ChangeSetName = "initial" }, Ct);

        Assert.Equal(ChangeSetStatus.CREATE_COMPLETE, described.Status);
        Assert.Equal(stackName, described.StackName);
        Assert.Equal("initial", described.ChangeSetName);

        await cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { StackName = stackName, ChangeSetName = "initial" }, Ct);
        var stack = await SettledAsync(cfn, stackName);

        Assert.Equal(changeSet.StackId, stack.StackId);
        Assert.Equal(StackStatus.CREATE_COMPLETE, stack.StackStatus);
        await cfn.DeleteStackAsync(new DeleteStackRequest { StackName = stackName }, Ct);
    }

    [Fact]
    public async Task Duplicate_stack_is_AlreadyExistsException()
    {
        using var cfn = moto.Client<IAmazonCloudFormation>();
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
        await cfn.DeleteStackAsync(new DeleteStackRequest { StackName = stackName }, Ct);
    }

    [Fact]
    public async Task Missing_stack_is_a_ValidationError_that_says_it_does_not_exist()
    {
        using var cfn = moto.Client<IAmazonCloudFormation>();
        var stackName = MotoFixture.UniqueName("nostack");

        var error = await Assert.ThrowsAsync<AmazonCloudFormationException>(
            () => cfn.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, Ct));

        // Provisioning's StackWatcher.FindAsync recognises a missing stack by exactly this.
        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private static string? Output(Stack stack, string key) =>
        stack.Outputs?.SingleOrDefault(o => o.OutputKey == key)?.OutputValue;
}
