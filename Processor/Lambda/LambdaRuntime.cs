using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The custom-runtime loop: next → handle → response (or error), for ever. The invocation's deadline (less a
/// margin to report in time) becomes the handler's cancellation; the trace header is exposed as
/// <c>_X_AMZN_TRACE_ID</c> as the managed runtimes do, and the handler continues it. After each outcome is reported,
/// <paramref name="flushTelemetry"/> exports what telemetry the invocation left buffered, before the loop asks for the
/// next one (Lambda freezes the sandbox while it waits, exporters' timers with it), within
/// <paramref name="flushLimit"/> and never past the invocation's deadline.
/// </summary>
public sealed class LambdaRuntime(
    RuntimeApiClient api,
    IInvocationHandler handler,
    TimeSpan deadlineMargin,
    Func<TimeSpan, bool> flushTelemetry,
    TimeSpan flushLimit,
    TimeProvider time,
    ILogger<LambdaRuntime> logger)
{
    /// <summary>
    /// Runs the loop until <paramref name="cancellationToken"/> is cancelled (true), or until the Runtime API fails a
    /// call (it closed the connection, or refused the call): that is logged in one line and the loop ends (false), for
    /// the process to exit non-zero rather than crash with an unhandled exception.
    /// </summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await InvokeAsync(await api.NextAsync(cancellationToken), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RuntimeApiFailed(logger, exception, api.Address);
            return false;
        }

        return true;
    }

    /// <summary>Handles one invocation and reports its outcome to the Runtime API.</summary>
    public async Task InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceHeader);
        var remaining = invocation.Deadline - time.GetUtcNow() - deadlineMargin;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (invocation.Deadline != DateTimeOffset.MaxValue)
        {
            deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }

        try
        {
            byte[] response;
            try
            {
                response = await handler.InvokeAsync(invocation, deadline.Token);
            }
            catch (Exception exception)
            {
                var error = exception is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    ? new RuntimeError($"The invocation did not finish before its deadline ({invocation.Deadline:O}).", "Timeout", [])
                    : RuntimeError.From(exception);
                Log.InvocationFailed(logger, exception, invocation.RequestId, error.ErrorType);
                await api.ErrorAsync(invocation.RequestId, error, cancellationToken);
                return;
            }

            await api.ResponseAsync(invocation.RequestId, response, cancellationToken);
        }
        finally
        {
            FlushTelemetry(invocation);
        }
    }

    private void FlushTelemetry(LambdaInvocation invocation)
    {
        if (flushLimit <= TimeSpan.Zero)
        {
            return;
        }

        var budget = flushLimit;
        if (invocation.Deadline != DateTimeOffset.MaxValue)
        {
            var remaining = invocation.Deadline - time.GetUtcNow();
            budget = remaining < budget ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : budget;
        }

        if (!flushTelemetry(budget))
        {
            Log.TelemetryFlushIncomplete(logger, invocation.RequestId, budget.TotalMilliseconds);
        }
    }
}
