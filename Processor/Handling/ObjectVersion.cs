using Amazon.S3.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.Processor.Handling;

/// <summary>The latest version of an object as HeadObject (or a GetObject's headers) describes it: what a record must match to be current.</summary>
internal sealed record ObjectVersion(long Size, string? ETag, string? VersionId, DateTimeOffset? LastModified, string? ContentType)
{
    public static ObjectVersion From(GetObjectMetadataResponse head) =>
        From(head.ContentLength, head.ETag, head.VersionId, head.LastModified, head.Headers?.ContentType);

    /// <summary>The version a GetObject of the latest version answered with: its headers are the head of the body it streams.</summary>
    public static ObjectVersion From(GetObjectResponse read) =>
        From(read.ContentLength, read.ETag, read.VersionId, read.LastModified, read.Headers?.ContentType);

    private static ObjectVersion From(long size, string? etag, string? versionId, DateTime? lastModified, string? contentType) => new(
        size,
        etag?.Trim('"'),
        string.IsNullOrEmpty(versionId) ? null : versionId,
        lastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : null,
        contentType is { Length: > 0 } ? contentType : null);

    /// <summary>
    /// True when <paramref name="record"/> was written from this very version (same ETag, version id, size, last
    /// modified and declared type, and measured: processed or rejected), so there is nothing to read or write.
    /// </summary>
    public bool IsDescribedBy(FileRecord record) =>
        record.Status is RecordStatus.Processed or RecordStatus.Rejected
        && record.ETag == ETag
        && record.VersionId == VersionId
        && record.Size == Size
        && record.LastModified == LastModified
        && record.DeclaredContentType == ContentType;

    /// <summary>The record's object fields from this version (the scan adds what the body says).</summary>
    public FileRecord ApplyTo(FileRecord record) => record with
    {
        Size = Size,
        ETag = ETag,
        VersionId = VersionId,
        LastModified = LastModified,
        DeclaredContentType = ContentType,
    };
}
