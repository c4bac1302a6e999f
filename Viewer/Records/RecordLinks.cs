namespace FilePipeline.Viewer.Records;

/// <summary>Addresses of the viewer's pages for a record (keys go in the query string, escaped).</summary>
public static class RecordLinks
{
    public static string Detail(string bucket, string key) =>
        $"/record?bucket={Uri.EscapeDataString(bucket)}&key={Uri.EscapeDataString(key)}";
}
