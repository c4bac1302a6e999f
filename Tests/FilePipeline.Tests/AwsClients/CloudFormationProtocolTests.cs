using System.Net;
using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using Amazon.Runtime;
using FilePipeline.CloudFormationClient.Waiters;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// CloudFormation wire shapes compared with the examples in AWS's CloudFormation API reference, and the waiters'
/// failure, timeout and cancellation paths (which moto, completing every stack at once, cannot show).
/// </summary>
public sealed class CloudFormationProtocolTests
{
    private const string Namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AmazonCloudFormationClient Client(ScriptedHttpServer server) =>
        new(AwsClientFactory.Credentials, new AmazonCloudFormationConfig { ServiceURL = server.Url.ToString(), AuthenticationRegion = "us-east-1" });

    private static ScriptedResponse Stacks(params string[] statuses) => ScriptedResponse.Xml(200, $"""
        <DescribeStacksResponse xmlns="{Namespace}"><DescribeStacksResult><Stacks>
        {string.Concat(statuses.Select(s => $"<member><StackName>MyStack</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789:stack/MyStack/1</StackId><StackStatus>{s}</StackStatus><StackStatusReason>reason {s}</StackStatusReason></member>"))}
        </Stacks></DescribeStacksResult></DescribeStacksResponse>
        """);

    [Fact]
    public async Task CreateStack_request_and_response_match_the_documented_example()
    {
        // CloudFormation API reference, CreateStack, "Examples".
        await using var server = new ScriptedHttpServer(ScriptedResponse.Xml(200, $"""
            <CreateStackResponse xmlns="{Namespace}">
              <CreateStackResult>
                <StackId>arn:aws:cloudformation:us-east-1:123456789:stack/MyStack/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
              </CreateStackResult>
              <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
            </CreateStackResponse>
            """));
        using var cfn = Client(server);

        var response = await cfn.CreateStackAsync(new CreateStackRequest
        {
            StackName = "MyStack",
            TemplateBody = "{ \"Description\": \"ünï + & = ✓\" }",
            NotificationARNs = ["arn:aws:sns:us-east-1:1234567890:my-topic"],
            Parameters = [new Parameter { ParameterKey = "AvailabilityZone", ParameterValue = "us-east-1a" }],
            Capabilities = [Capability.CAPABILITY_NAMED_IAM.Value],
            OnFailure = OnFailure.DELETE,
            TimeoutInMinutes = 10,
        }, Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        Assert.Contains("/us-east-1/cloudformation/aws4_request", request.Headers["Authorization"]);
        var form = Form(request.Body);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "CreateStack",
                ["Version"] = "2010-05-15",
                ["StackName"] = "MyStack",
                ["TemplateBody"] = "{ \"Description\": \"ünï + & = ✓\" }",
                ["NotificationARNs.member.1"] = "arn:aws:sns:us-east-1:1234567890:my-topic",
                ["Parameters.member.1.ParameterKey"] = "AvailabilityZone",
                ["Parameters.member.1.ParameterValue"] = "us-east-1a",
                ["Capabilities.member.1"] = "CAPABILITY_NAMED_IAM",
                ["OnFailure"] = "DELETE",
                ["TimeoutInMinutes"] = "10",
            },
            form);
        Assert.DoesNotContain("+", request.Body.Replace("%2B", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("arn:aws:cloudformation:us-east-1:123456789:stack/MyStack/aaf549a0-a413-11df-adb3-5081b3858e83", response.StackId);
        Assert.Equal("b9b4b068-3a41-11e5-94eb-example", response.ResponseMetadata.RequestId);
    }

    [Fact]
    public async Task DescribeStacks_parses_the_documented_example()
    {
        // CloudFormation API reference, DescribeStacks, "Examples".
        await using var server = new ScriptedHttpServer(ScriptedResponse.Xml(200, $"""
            <DescribeStacksResponse xmlns="{Namespace}">
              <DescribeStacksResult>
                <Stacks>
                  <member>
                    <StackName>MyStack</StackName>
                    <StackId>arn:aws:cloudformation:us-east-1:123456789:stack/MyStack/aaf549a0-a413-11df-adb3-5081b3858e83</StackId>
                    <CreationTime>2010-07-27T22:28:28Z</CreationTime>
                    <StackStatus>CREATE_COMPLETE</StackStatus>
                    <DisableRollback>false</DisableRollback>
                    <Outputs>
                      <member>
                        <OutputKey>StartPage</OutputKey>
                        <OutputValue>http://my-load-balancer.amazonaws.com:80/index.html</OutputValue>
                      </member>
                    </Outputs>
                  </member>
                </Stacks>
              </DescribeStacksResult>
              <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
            </DescribeStacksResponse>
            """));
        using var cfn = Client(server);

        var response = await cfn.DescribeStacksAsync(new DescribeStacksRequest { StackName = "MyStack" }, Ct);

        Assert.Equal(new Dictionary<string, string> { ["Action"] = "DescribeStacks", ["Version"] = "2010-05-15", ["StackName"] = "MyStack" },
            Form(Assert.Single(server.Requests).Body));
        var stack = Assert.Single(response.Stacks!);
        Assert.Equal("MyStack", stack.StackName);
        Assert.Equal(StackStatus.CREATE_COMPLETE, stack.StackStatus);
        Assert.Equal(new DateTime(2010, 7, 27, 22, 28, 28, DateTimeKind.Utc), stack.CreationTime);
        Assert.Equal(DateTimeKind.Utc, stack.CreationTime!.Value.Kind);
        Assert.False(stack.DisableRollback);
        Assert.Equal(("StartPage", "http://my-load-balancer.amazonaws.com:80/index.html"), (stack.Outputs![0].OutputKey, stack.Outputs[0].OutputValue));
        Assert.Null(stack.Parameters);
        Assert.Null(stack.Tags);
    }

    [Fact]
    public async Task ValidateTemplate_parses_parameters_as_documented()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.Xml(200, $"""
            <ValidateTemplateResponse xmlns="{Namespace}">
              <ValidateTemplateResult>
                <Description>Test template</Description>
                <Parameters>
                  <member><NoEcho>false</NoEcho><ParameterKey>InstanceType</ParameterKey><Description>Type of instance</Description><DefaultValue>t3.micro</DefaultValue></member>
                </Parameters>
                <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
                <CapabilitiesReason>The following resource(s) require capabilities: [AWS::IAM::Role]</CapabilitiesReason>
              </ValidateTemplateResult>
              <ResponseMetadata><RequestId>0be7b6e8-e4a0-11e0-a5bd-9f8d5a7dbc91</RequestId></ResponseMetadata>
            </ValidateTemplateResponse>
            """));
        using var cfn = Client(server);

        var response = await cfn.ValidateTemplateAsync(new ValidateTemplateRequest { TemplateURL = "https://s3.amazonaws.com/b/t.json" }, Ct);

        var parameter = Assert.Single(response.Parameters!);
        Assert.Equal(("InstanceType", "t3.micro", false, "Type of instance"), (parameter.ParameterKey, parameter.DefaultValue, parameter.NoEcho, parameter.Description));
        Assert.Equal(["CAPABILITY_IAM"], response.Capabilities!);
        Assert.Null(response.DeclaredTransforms);
    }

    [Fact]
    public async Task Query_error_becomes_a_typed_exception_and_5xx_is_retried()
    {
        await using var server = new ScriptedHttpServer(
            new ScriptedResponse(503, "text/html", "<html>busy</html>"),
            ScriptedResponse.Xml(400, $"""
                <ErrorResponse xmlns="{Namespace}"><Error><Type>Sender</Type><Code>AlreadyExistsException</Code><Message>Stack [MyStack] already exists</Message></Error><RequestId>r-2</RequestId></ErrorResponse>
                """));
        using var cfn = Client(server);

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(
            () => cfn.CreateStackAsync(new CreateStackRequest { StackName = "MyStack", TemplateBody = "{}" }, Ct));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(("AlreadyExistsException", "Stack [MyStack] already exists", "r-2", ErrorType.Sender, HttpStatusCode.BadRequest),
            (error.ErrorCode, error.Message, error.RequestId, error.ErrorType, error.StatusCode));
    }

    [Fact]
    public async Task Create_waiter_polls_until_complete()
    {
        await using var server = new ScriptedHttpServer(Stacks("CREATE_IN_PROGRESS"), Stacks("CREATE_IN_PROGRESS"), Stacks("CREATE_COMPLETE"));
        using var cfn = Client(server);

        var stack = await new StackWaiter(cfn) { PollInterval = TimeSpan.FromMilliseconds(20) }
            .WaitForStackCreateCompleteAsync("MyStack", TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(StackStatus.CREATE_COMPLETE, stack.StackStatus);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Create_waiter_reports_rollback_with_the_failed_resource_events()
    {
        await using var server = new ScriptedHttpServer(Stacks("ROLLBACK_COMPLETE"), ScriptedResponse.Xml(200, $"""
            <DescribeStackEventsResponse xmlns="{Namespace}"><DescribeStackEventsResult><StackEvents>
              <member><LogicalResourceId>MyStack</LogicalResourceId><ResourceStatus>ROLLBACK_COMPLETE</ResourceStatus><Timestamp>2026-01-01T00:00:02.5Z</Timestamp></member>
              <member><LogicalResourceId>Table</LogicalResourceId><ResourceType>AWS::DynamoDB::Table</ResourceType><ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>Table already exists: files</ResourceStatusReason><Timestamp>2026-01-01T00:00:01Z</Timestamp></member>
            </StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>
            """));
        using var cfn = Client(server);

        var error = await Assert.ThrowsAsync<CloudFormationWaitException>(() => new StackWaiter(cfn)
            .WaitForStackCreateCompleteAsync("MyStack", TimeSpan.FromSeconds(30), Ct));

        Assert.Equal("ROLLBACK_COMPLETE", error.Status);
        var failed = Assert.Single(error.FailedEvents);
        Assert.Equal("Table", failed.LogicalResourceId);
        Assert.Contains("Table already exists: files", error.Message);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc), failed.Timestamp);
    }

    [Fact]
    public async Task Waiter_gives_up_at_the_timeout()
    {
        await using var server = new ScriptedHttpServer([.. Enumerable.Repeat(Stacks("UPDATE_IN_PROGRESS"), 200)]);
        using var cfn = Client(server);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => new StackWaiter(cfn) { PollInterval = TimeSpan.FromMilliseconds(50) }
            .WaitForStackUpdateCompleteAsync("MyStack", TimeSpan.FromMilliseconds(400), Ct));

        Assert.Contains("UPDATE_IN_PROGRESS", error.Message);
        Assert.InRange(server.Requests.Count, 2, 20);
    }

    [Fact]
    public async Task Waiter_stops_when_cancelled()
    {
        await using var server = new ScriptedHttpServer([.. Enumerable.Repeat(Stacks("CREATE_IN_PROGRESS"), 200)]);
        using var cfn = Client(server);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new StackWaiter(cfn) { PollInterval = TimeSpan.FromMilliseconds(50) }
            .WaitForStackCreateCompleteAsync("MyStack", TimeSpan.FromMinutes(5), cancel.Token));
    }

    [Fact]
    public async Task Change_set_waiter_flags_a_change_set_without_changes()
    {
        await using var server = new ScriptedHttpServer(ScriptedResponse.Xml(200, $"""
            <DescribeChangeSetResponse xmlns="{Namespace}"><DescribeChangeSetResult>
              <ChangeSetName>cs</ChangeSetName><Status>FAILED</Status><ExecutionStatus>UNAVAILABLE</ExecutionStatus>
              <StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason>
            </DescribeChangeSetResult></DescribeChangeSetResponse>
            """));
        using var cfn = Client(server);

        var error = await Assert.ThrowsAsync<CloudFormationWaitException>(() => new StackWaiter(cfn)
            .WaitForChangeSetCreateCompleteAsync("MyStack", "cs", TimeSpan.FromSeconds(30), Ct));

        Assert.True(error.IsNoChanges);
        Assert.Equal("FAILED", error.Status);
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1]));
}
