using Amazon.Runtime;

namespace FilePipeline.Provisioning;

/// <summary>Runs a stack verb (deploy, destroy) and turns its failures into one clear line and an exit code.</summary>
public static class StackVerb
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(Func<Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted");
            return Interrupted;
        }
        catch (Exception e) when (e is AwsSettingsException or ArgumentException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is StackOperationException or TimeoutException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return Failed;
        }
        catch (AmazonServiceException e)
        {
            await Console.Error.WriteLineAsync($"AWS error {e.ErrorCode} ({(int)e.StatusCode}): {e.Message}");
            return Failed;
        }
        catch (AmazonClientException e)
        {
            await Console.Error.WriteLineAsync($"AWS client error: {e.Message}");
            return Failed;
        }
    }
}
