using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FilePipeline.Benchmarks;

/// <summary>This CPU's SHA-256 rate as <c>openssl speed -evp sha256</c> reports it for 16 KiB blocks.</summary>
internal static partial class OpenSslSpeed
{
    public static async Task<double> Sha256BytesPerSecondAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "speed", "-evp", "sha256", "-bytes", "16384", "-seconds", "3" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start openssl");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        // The summary line reads "sha256  1684717.57k": thousands of bytes per second.
        var match = SummaryLine().Match(output);
        return match.Success
            ? double.Parse(match.Groups["k"].Value, CultureInfo.InvariantCulture) * 1000
            : throw new InvalidOperationException($"unexpected openssl output: {output}");
    }

    [GeneratedRegex(@"^sha256\s+(?<k>[0-9.]+)k\s*$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
