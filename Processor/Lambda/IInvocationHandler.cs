namespace FilePipeline.Processor.Lambda;

/// <summary>Turns one invocation's payload into its response document; cancelled at the deadline.</summary>
public interface IInvocationHandler
{
    Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}
