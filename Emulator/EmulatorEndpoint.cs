using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FilePipeline.Emulator;

/// <summary>
/// A local AWS emulator: either a <c>moto_server</c> this process started on a free loopback port (and
/// stops again), or an endpoint given by <c>AWS_ENDPOINT_URL</c> that it only attaches to.
/// </summary>
public sealed class EmulatorEndpoint : IAsyncDisposable
{
    /// <summary>The region every local client uses unless <c>AWS_REGION</c> says otherwise.</summary>
    public const string DefaultRegion = "us-east-1";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly MotoProcess? _process;

    private EmulatorEndpoint(Uri url, MotoProcess? process)
    {
        Url = url;
        _process = process;
    }

    /// <summary>The emulator's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url { get; }

    /// <summary>True when this object started the emulator and will stop it.</summary>
    public bool IsOwned => _process is not null;

    /// <summary>The process id of the emulator this object started, or null when attached.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>
    /// Attaches to <paramref name="endpoint"/> (or <c>AWS_ENDPOINT_URL</c>) when one is given;
    /// otherwise starts <c>moto_server</c> on a free loopback port. Either way, returns once it answers.
    /// </summary>
    public static async Task<EmulatorEndpoint> StartOrAttachAsync(
        string? endpoint = null, TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        endpoint ??= Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var timeout = startTimeout ?? TimeSpan.FromSeconds(30);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var url = new Uri(endpoint.TrimEnd('/'));
            await WaitUntilAnsweringAsync(url, null, timeout, cancellationToken);
            return new EmulatorEndpoint(url, null);
        }

        return await StartMotoAsync(timeout, cancellationToken);
    }

    /// <summary>Starts a new <c>moto_server</c>, whatever <c>AWS_ENDPOINT_URL</c> says.</summary>
    public static async Task<EmulatorEndpoint> StartMotoAsync(
        TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var executable = FindOnPath("moto_server") ?? throw new EmulatorNotFoundException();
        var timeout = startTimeout ?? TimeSpan.FromSeconds(30);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var process = await MotoProcess.StartAsync(executable, port);
            var url = new Uri($"http://127.0.0.1:{port}");
            try
            {
                await WaitUntilAnsweringAsync(url, process, timeout, cancellationToken);
                return new EmulatorEndpoint(url, process);
            }
            catch (EmulatorStartException) when (attempt < attempts && process.HasExited)
            {
                // Most likely another process took the port between probing and binding: try another.
                process.Dispose();
            }
            catch
            {
                await process.StopAsync();
                throw;
            }
        }
    }

    /// <summary>Environment variables that point an AWS SDK client (or child process) at this emulator.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = Url.ToString().TrimEnd('/'),
            ["AWS_REGION"] = Environment.GetEnvironmentVariable("AWS_REGION") ?? DefaultRegion,
        };
        if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null
            && Environment.GetEnvironmentVariable("AWS_PROFILE") is null)
        {
            // Emulators accept any credentials; the SDK still needs some to sign with.
            environment["AWS_ACCESS_KEY_ID"] = "test";
            environment["AWS_SECRET_ACCESS_KEY"] = "test";
        }

        return environment;
    }

    /// <summary>Wipes all emulator state (moto's <c>/moto-api/reset</c>).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(Url, "/moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops the emulator if this object started it; an attached endpoint is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
        }
    }

    private static async Task WaitUntilAnsweringAsync(
        Uri url, MotoProcess? process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new EmulatorStartException(
                    $"moto_server exited with code {process.ExitCode} before answering on {url}: {process.OutputTail()}");
            }

            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                return; // Any HTTP answer means the server is up.
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                if (deadline.Elapsed >= timeout)
                {
                    throw new EmulatorStartException(
                        $"The emulator at {url} did not answer within {timeout.TotalSeconds:0} s. {process?.OutputTail()}", e);
                }
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The full path of <paramref name="name"/> in a PATH directory, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
