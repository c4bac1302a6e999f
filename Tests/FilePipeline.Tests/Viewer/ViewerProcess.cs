using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FilePipeline.Tests.Viewer;

/// <summary>
/// The real viewer, started as the AppHost starts it (<c>dotnet FilePipeline.Viewer.dll</c> with its configuration in
/// the environment) from the Viewer project's own build output; stopped (the whole process tree) on dispose.
/// </summary>
public sealed class ViewerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ViewerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The viewer's output so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The viewer's build output folder (same configuration as the tests).</summary>
    public static string Directory { get; } = FindViewerDirectory();

    /// <summary>
    /// How long a start may take before it counts as failed: generous, because on a shared 2-core machine under heavy
    /// load a cold start has been seen to take over 40 s. A deadline, not a sleep: a healthy viewer is used at once.
    /// </summary>
    public static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(90);

    /// <summary>Pass as the url to start the viewer with no listen address at all (it then picks its own default).</summary>
    public const string NoListenAddress = "";

    /// <summary>
    /// Starts the viewer with <paramref name="environment"/> listening on <paramref name="url"/> (default: a free loopback
    /// port); waits until <c>/health</c> answers 200 unless told not to.
    /// </summary>
    public static async Task<ViewerProcess> StartAsync(
        IReadOnlyDictionary<string, string> environment, string? url = null, bool waitUntilHealthy = true,
        string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var listen = url ?? $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(), // the viewer must not depend on its working directory
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Directory, "FilePipeline.Viewer.dll"));
        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }

        if (listen != NoListenAddress)
        {
            start.Environment["ASPNETCORE_URLS"] = listen;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Nothing of the test runner's own telemetry settings leaks into the viewer.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the viewer.");
        var address = listen == NoListenAddress ? "http://127.0.0.1:5080" : listen.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        var viewer = new ViewerProcess(process, new Uri(address));
        process.OutputDataReceived += (_, e) => viewer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => viewer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitUntilHealthy)
        {
            try
            {
                await viewer.WaitUntilHealthyAsync(StartupDeadline, cancellationToken);
            }
            catch
            {
                await viewer.DisposeAsync();
                throw;
            }
        }

        return viewer;
    }

    /// <summary>Waits for the process to exit by itself (e.g. a refused configuration), up to <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            _process.WaitForExit(); // flush redirected output
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the viewer the way a service manager does (SIGTERM: graceful shutdown, telemetry flushed) and waits up
    /// to <paramref name="timeout"/> for it to exit; true when it exited by itself.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("Could not run kill."))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        return await WaitForExitAsync(timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The viewer exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The viewer did not become healthy within {timeout.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindViewerDirectory()
    {
        var testDirectory = AppContext.BaseDirectory;
        var configuration = testDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        for (var directory = new DirectoryInfo(testDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
            {
                var viewer = Path.Combine(directory.FullName, "Viewer", "bin", configuration, "net10.0");
                return File.Exists(Path.Combine(viewer, "FilePipeline.Viewer.dll"))
                    ? viewer
                    : throw new InvalidOperationException($"The viewer is not built at {viewer}: build the solution first.");
            }
        }

        throw new InvalidOperationException($"No Aspire.sln above {testDirectory}.");
    }
}
