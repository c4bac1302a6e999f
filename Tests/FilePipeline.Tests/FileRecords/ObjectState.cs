using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.Tests.FileRecords;

/// <summary>What a scan of an object's content must find, as the test that wrote the content knows it.</summary>
internal sealed record ContentFacts(
    string DetectedType, long? WordCount = null, long? LineCount = null, int? ImageWidth = null, int? ImageHeight = null);

/// <summary>
/// What one object is now, known to a test without the processor's help: its current version's ETag, version id,
/// size, SHA-256 (hashed by the test) and declared type, and, when the test knows them, what a scan must find
/// (<see cref="Content"/>); or gone (<see cref="Exists"/> false: deleted, or a delete marker is its latest version).
/// <see cref="RecordConvergence"/> compares a record with it.
/// </summary>
internal sealed record ObjectState(string Bucket, string Key)
{
    public bool Exists { get; init; }

    public string? ETag { get; init; }

    public string? VersionId { get; init; }

    public long Size { get; init; }

    public string? Sha256 { get; init; }

    public string? ContentType { get; init; }

    /// <summary>What the scan must find; null when the test does not know (then types and statistics are not compared).</summary>
    public ContentFacts? Content { get; init; }

    /// <summary>The status the record must have while the object exists (a test of rejections sets <c>Rejected</c>).</summary>
    public RecordStatus Status { get; init; } = RecordStatus.Processed;

    public static ObjectState Gone(string bucket, string key) => new(bucket, key);

    /// <summary>The state a PutObject of <paramref name="content"/> left, from the ETag and version id S3 answered with.</summary>
    public static ObjectState Put(
        string bucket, string key, byte[] content, PutObjectResponse response, string? contentType, ContentFacts? facts) => new(bucket, key)
    {
        Exists = true,
        ETag = response.ETag?.Trim('"'),
        VersionId = string.IsNullOrEmpty(response.VersionId) ? null : response.VersionId,
        Size = content.LongLength,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        ContentType = contentType,
        Content = facts,
    };

    /// <summary>
    /// The object's state as S3 holds it now: its head, and its body read pinned to that version (VersionId, else
    /// If-Match on the ETag) and hashed here; read again if it changed in between.
    /// </summary>
    public static async Task<ObjectState> ReadAsync(
        IAmazonS3 s3, string bucket, string key, ContentFacts? facts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            GetObjectMetadataResponse head;
            try
            {
                head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return Gone(bucket, key);
            }

            try
            {
                using var body = await s3.GetObjectAsync(new GetObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    VersionId = string.IsNullOrEmpty(head.VersionId) ? null : head.VersionId,
                    EtagToMatch = head.ETag,
                }, cancellationToken);
                await using var stream = body.ResponseStream;
                var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                return new ObjectState(bucket, key)
                {
                    Exists = true,
                    ETag = head.ETag?.Trim('"'),
                    VersionId = string.IsNullOrEmpty(head.VersionId) ? null : head.VersionId,
                    Size = head.ContentLength,
                    Sha256 = sha256,
                    ContentType = head.Headers?.ContentType is { Length: > 0 } type ? type : null,
                    Content = facts,
                };
            }
            catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed && attempt < 5)
            {
                // Changed between the head and the read: look again.
            }
        }
    }

    public override string ToString() =>
        Exists ? $"{Key}: ETag {ETag}, version {VersionId ?? "-"}, {Size} B, sha256 {Sha256?[..12]}…, {Content?.DetectedType ?? ContentType}" : $"{Key}: gone";
}
