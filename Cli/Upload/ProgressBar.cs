using System.Globalization;

namespace FilePipeline.Cli.Upload;

/// <summary>
/// One progress line redrawn in place on a terminal (<c>[#####.....] 12/40 files  3.1/10.0 MiB</c>);
/// silent when the output is redirected (the final count is printed either way).
/// </summary>
public sealed class ProgressBar(int totalFiles, long totalBytes, TextWriter output, bool interactive)
{
    private const int Width = 30;
    private readonly Lock _gate = new();
    private int _files;
    private long _bytes;
    private long _lastDraw;

    public void Completed(long bytes)
    {
        lock (_gate)
        {
            _files++;
            _bytes += bytes;
            var now = Environment.TickCount64;
            if (interactive && (now - _lastDraw >= 100 || _files == totalFiles))
            {
                _lastDraw = now;
                Draw();
            }
        }
    }

    /// <summary>Ends the progress line so that what follows starts on a new one.</summary>
    public void Finish()
    {
        if (interactive)
        {
            lock (_gate)
            {
                output.WriteLine();
            }
        }
    }

    private void Draw()
    {
        var fraction = totalBytes > 0 ? (double)_bytes / totalBytes : (double)_files / Math.Max(totalFiles, 1);
        var filled = (int)Math.Round(fraction * Width);
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_files}/{totalFiles} files  {Mib(_bytes)}/{Mib(totalBytes)} MiB"));
        output.Flush();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
