using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>
/// Resolves every operation to SigV4. Added after the marshaller, as the generated AWSSDK clients do:
/// without it the pipeline chooses no signer, and moto takes an unsigned request for S3.
/// </summary>
public sealed class SigV4AuthResolverHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}
