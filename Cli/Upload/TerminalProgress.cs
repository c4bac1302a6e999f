using System.Globalization;
using Spectre.Console;

namespace FilePipeline.Cli.Upload;

/// <summary>
/// An upload's progress on a terminal, drawn by Spectre.Console: one bar over the bytes (so a large file moves it
/// part by part, not only when it has finished), with files done, bytes sent, speed and time left. Used only when
/// the output is a terminal; redirected output gets the final count alone, with no control codes.
/// </summary>
public static class TerminalProgress
{
    public static Task<T> RunAsync<T>(UploadProgress progress, Func<Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(upload);
        return AnsiConsole.Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn { Base = FileSizeBase.Binary, Culture = CultureInfo.InvariantCulture },
                new TransferSpeedColumn { Base = FileSizeBase.Binary, Culture = CultureInfo.InvariantCulture },
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                // Empty files only: the bar counts files instead of bytes.
                var byBytes = progress.TotalBytes > 0;
                var task = context.AddTask(Describe(progress), maxValue: byBytes ? progress.TotalBytes : Math.Max(progress.TotalFiles, 1));
                void Update(UploadProgress now)
                {
                    task.Value = byBytes ? now.BytesSent : now.FilesDone;
                    task.Description = Describe(now);
                }

                progress.Changed += Update;
                try
                {
                    return await upload();
                }
                finally
                {
                    progress.Changed -= Update;
                    Update(progress);
                    task.StopTask();
                }
            });
    }

    private static string Describe(UploadProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.FilesDone}/{progress.TotalFiles} files");
}
