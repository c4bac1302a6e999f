namespace FilePipeline.Processor.Events;

/// <summary>
/// The S3 event notification name (<c>ObjectCreated:Put</c>, ...) of an EventBridge S3 event, so that a record says
/// the same whichever way its event was routed. EventBridge names the API in <c>detail.reason</c> (<c>PutObject</c>,
/// <c>POST Object</c>, <c>CopyObject</c>, <c>CompleteMultipartUpload</c>, <c>DeleteObject</c>, <c>Lifecycle
/// Expiration</c>) and what a delete did in <c>detail.deletion-type</c> (<c>Permanently Deleted</c>, <c>Delete
/// Marker Created</c>); see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html. A reason AWS does
/// not document (moto sends <c>ObjectCreated</c> / <c>ObjectRemoved</c>) or none at all gives the wildcard
/// (<c>ObjectCreated:*</c>, <c>ObjectRemoved:*</c>): created or removed, by an API the event does not say.
/// </summary>
public static class EventBridgeEventName
{
    public static string Of(string detailType, string? reason, string? deletionType) =>
        detailType == "Object Created"
            ? reason switch
            {
                "PutObject" => "ObjectCreated:Put",
                "POST Object" => "ObjectCreated:Post",
                "CopyObject" => "ObjectCreated:Copy",
                "CompleteMultipartUpload" => "ObjectCreated:CompleteMultipartUpload",
                _ => "ObjectCreated:*",
            }
            : (reason == "Lifecycle Expiration" ? "LifecycleExpiration" : "ObjectRemoved") + deletionType switch
            {
                "Permanently Deleted" => ":Delete",
                "Delete Marker Created" => ":DeleteMarkerCreated",
                _ => ":*",
            };
}
