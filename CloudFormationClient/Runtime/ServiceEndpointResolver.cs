using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Endpoints;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>
/// Pipeline handler that sets the request's endpoint from
/// <see cref="ClientConfig.DetermineServiceOperationEndpoint"/> (which honours <c>ServiceURL</c>,
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> and <c>AWS_ENDPOINT_URL</c>, else the regional endpoint).
/// </summary>
public sealed class ServiceEndpointResolver : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Resolve(executionContext.RequestContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Resolve(executionContext.RequestContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void Resolve(IRequestContext requestContext)
    {
        var config = (ClientConfig)requestContext.ClientConfig;
        var parameters = new ServiceOperationEndpointParameters(requestContext.OriginalRequest, requestContext.Request.AlternateEndpoint);
        requestContext.Request.Endpoint = new Uri(config.DetermineServiceOperationEndpoint(parameters).URL);
    }
}
