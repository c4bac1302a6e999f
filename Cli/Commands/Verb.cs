using System.Net.Sockets;
using Amazon.Runtime;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// Runs a verb's body inside its telemetry span (<see cref="CliTelemetry"/>) and turns what went wrong into
/// one clear line on stderr and an exit code (<see cref="ExitCodes"/>).
/// </summary>
public static class Verb
{
    public static Task<int> RunAsync(string name, Func<Task<int>> body, CancellationToken cancellationToken) =>
        CliTelemetry.RunAsync(name, () => RunCheckedAsync(body, cancellationToken));

    private static async Task<int> RunCheckedAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is UsageException or ArgumentException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is StackTargetException or AwsSettingsException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Unavailable;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException
            || e.InnerException is HttpRequestException or SocketException)
        {
            await Console.Error.WriteLineAsync($"cannot reach the AWS endpoint: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (AmazonClientException e) when (e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync(
                "no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --endpoint for an emulator.");
            return ExitCodes.Unavailable;
        }
        catch (AmazonServiceException e)
        {
            await Console.Error.WriteLineAsync($"AWS error {e.ErrorCode} ({(int)e.StatusCode}): {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is StackOperationException or TimeoutException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failure;
        }
    }
}
