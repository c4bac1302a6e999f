using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace FilePipeline.BucketNotifications;

/// <summary>
/// Adds, updates and removes the pipeline's entry in a bucket's notification configuration. S3 keeps one configuration
/// per bucket and PutBucketNotificationConfiguration replaces it whole, so each change reads the configuration, changes
/// only the pipeline's part (<see cref="NotificationEdit"/>) and writes it back. S3 has no conditional write for it: a
/// consumer that writes the same bucket's configuration at the same moment can lose its change (or ours).
/// </summary>
/// <param name="s3">The S3 client.</param>
/// <param name="expectedBucketOwner">The account that must own the bucket (S3 refuses the calls otherwise), or null.</param>
public sealed class BucketNotificationEditor(IAmazonS3 s3, string? expectedBucketOwner = null)
{
    /// <summary>
    /// Fails with <see cref="NotificationConflictException"/> when another consumer's entry overlaps <paramref name="wanted"/>
    /// (and with a clear message when the bucket does not exist); changes nothing. Returns whether the bucket's EventBridge
    /// delivery is on now (what <see cref="NotificationAttachment.EventBridgeEnabledBefore"/> records on a first attach).
    /// The destination may still be unknown (null): the check needs only the events and the key filter.
    /// </summary>
    public async Task<bool> CheckAsync(PipelineNotification wanted, CancellationToken cancellationToken)
    {
        wanted.Validate(destination: false);
        var current = await ReadAsync(wanted.Bucket, cancellationToken) ?? throw BucketMissing(wanted.Bucket);
        EnsureNoConflict(current, wanted);
        return current.EventBridgeConfiguration is not null;
    }

    /// <summary>
    /// Puts <paramref name="wanted"/> in place of <paramref name="previous"/> (what the stack attached before; null on its
    /// first attach), every other entry kept as read. Checks for overlaps first: a conflict changes nothing.
    /// </summary>
    public async Task<NotificationAttachment> AttachAsync(PipelineNotification wanted, NotificationAttachment? previous, CancellationToken cancellationToken)
    {
        wanted.Validate();
        var current = await ReadAsync(wanted.Bucket, cancellationToken) ?? throw BucketMissing(wanted.Bucket);
        EnsureNoConflict(current, wanted);
        var request = NotificationEdit.Attach(current, wanted, previous);
        await WriteAsync(request, cancellationToken);
        return new NotificationAttachment(wanted, previous?.EventBridgeEnabledBefore ?? current.EventBridgeConfiguration is not null);
    }

    /// <summary>
    /// Removes the pipeline's entry (and EventBridge delivery if the pipeline switched it on); every other entry kept as read.
    /// Nothing to remove (already gone, or the bucket no longer exists) is not an error, and writes nothing.
    /// </summary>
    public async Task DetachAsync(NotificationAttachment attached, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(attached.Notification.Bucket, cancellationToken);
        if (current is null || !NotificationEdit.Holds(current, attached))
        {
            return;
        }

        await WriteAsync(NotificationEdit.Detach(current, attached), cancellationToken);
    }

    /// <summary>The bucket's configuration, or null when the bucket does not exist.</summary>
    private async Task<GetBucketNotificationResponse?> ReadAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            return await s3.GetBucketNotificationAsync(
                new GetBucketNotificationRequest { BucketName = bucket, ExpectedBucketOwner = expectedBucketOwner }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task WriteAsync(PutBucketNotificationRequest request, CancellationToken cancellationToken)
    {
        request.ExpectedBucketOwner = expectedBucketOwner;
        return s3.PutBucketNotificationAsync(request, cancellationToken);
    }

    private static void EnsureNoConflict(GetBucketNotificationResponse current, PipelineNotification wanted)
    {
        var conflicts = NotificationEdit.Conflicts(current, wanted);
        if (conflicts.Count > 0)
        {
            throw new NotificationConflictException(wanted.Bucket, wanted, conflicts);
        }
    }

    private static InvalidOperationException BucketMissing(string bucket) =>
        new($"Bucket '{bucket}' does not exist (or these credentials cannot see it): the pipeline attaches only to a bucket that is already there.");
}
