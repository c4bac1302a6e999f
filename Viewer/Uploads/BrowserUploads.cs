using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.Viewer.Api;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Uploads;

/// <summary>
/// Stores files uploaded from the browser in the pipeline's bucket, each with a W3C <c>traceparent</c> in its
/// user metadata (<c>x-amz-meta-traceparent</c>) so the processor continues the upload's trace.
/// </summary>
public sealed class BrowserUploads(IAmazonS3 s3, IOptions<ResourceOptions> resources)
{
    public const string TraceParentMetadata = "traceparent";

    public async Task<UploadResult> StoreAsync(
        string key, Stream content, long length, string? contentType, CancellationToken cancellationToken)
    {
        var traceParent = CurrentTraceParent();
        var request = new PutObjectRequest
        {
            BucketName = resources.Value.BucketName,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType,
        };
        request.Headers.ContentLength = length;
        request.Metadata[TraceParentMetadata] = traceParent;
        var response = await s3.PutObjectAsync(request, cancellationToken);
        return new UploadResult(resources.Value.BucketName, key, length, response.ETag, traceParent);
    }

    /// <summary>The current activity as a W3C traceparent; a fresh (unsampled) one when nothing is tracing.</summary>
    public static string CurrentTraceParent()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            var flags = activity.ActivityTraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00";
            return $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{flags}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";
    }
}
