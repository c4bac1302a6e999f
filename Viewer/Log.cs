namespace FilePipeline.Viewer;

/// <summary>The viewer's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Viewer serving bucket {Bucket} and table {Table}")]
    public static partial void Serving(ILogger logger, string bucket, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer listens beyond loopback on {Urls}, protected by its access token")]
    public static partial void ExposedWithToken(ILogger logger, string urls);
}
