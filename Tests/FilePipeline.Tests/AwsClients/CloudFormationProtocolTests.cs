using System.Net;
using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// CloudFormation wire shapes compared with the examples in AWS's CloudFormation API reference, and the SDK's
/// error and retry handling on the query protocol.
/// </summary>
public sealed class CloudFormationProtocolTests
{
    private const string Namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IAmazonCloudFormation Client(ScriptedHttpServer server) =>
        new AWSOptions { Credentials = new BasicAWSCredentials("test", "test") }.ForEndpoint(server.Url, "us-east-1").CreateAwsClient<IAmazonCloudFormation>();

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
            Parameters = [new Parameter { ParameterKey = "AvailabilityZone", ParameterValue = "us-east-1a" }],
            Capabilities = ["CAPABILITY_NAMED_IAM"],
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
                ["Parameters.member.1.ParameterKey"] = "AvailabilityZone",
                ["Parameters.member.1.ParameterValue"] = "us-east-1a",
                ["Capabilities.member.1"] = "CAPABILITY_NAMED_IAM",
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
        Assert.Equal(("StartPage", "http://my-load-balancer.amazonaws.com:80/index.html"), (stack.Outputs![0].OutputKey, stack.Outputs[0].OutputValue));
        Assert.Null(stack.Parameters);
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

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1]));
}
