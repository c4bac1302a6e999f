using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.Telemetry;
using FilePipeline.Viewer.Api;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Uploads;

/// <summary>
/// Stores files uploaded from the browser in the pipeline's bucket, each inside an <c>upload</c> span whose W3C
/// <c>traceparent</c> goes into the object's user metadata (<c>x-amz-meta-traceparent</c>), so the processor
/// continues the upload's trace.
/// </summary>
public sealed class BrowserUploads(IAmazonS3 s3, IOptions<ResourceOptions> resources)
{
    public static readonly ActivitySource Source = new("FilePipeline.Viewer");

    public async Task<UploadResult> StoreAsync(
        string key, Stream content, long length, string? contentType, CancellationToken cancellationToken)
    {
        var bucket = resources.Value.BucketName;
        using var span = UploadTracing.StartUpload(Source, bucket, key, length);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType,
        };
        request.Headers.ContentLength = length;
        if (!TraceMetadata.Inject(span ?? Activity.Current, (name, value) => request.Metadata[name] = value))
        {
            // Nothing is tracing: still give the object a trace of its own, so the processor's spans share one id.
            request.Metadata[TraceMetadata.TraceParentName] =
                $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";
        }

        var response = await s3.PutObjectAsync(request, cancellationToken);
        return new UploadResult(bucket, key, length, response.ETag, request.Metadata[TraceMetadata.TraceParentName]);
    }
}
