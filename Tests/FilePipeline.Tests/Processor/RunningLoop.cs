namespace FilePipeline.Tests.Processor;

/// <summary>A <c>LambdaRuntime.RunAsync</c> loop running in a test; disposing cancels it and waits (bounded) for it to end.</summary>
internal sealed class RunningLoop(Task loop, CancellationTokenSource cancel, HttpClient http) : IDisposable
{
    public void Dispose()
    {
        cancel.Cancel();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // the loop ends with the cancellation of its pending /next
        }

        cancel.Dispose();
        http.Dispose();
    }
}
