using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace FilePipeline.Provisioning;

/// <summary>The bucket chores around a stack: the artifacts bucket and its package, emptying and deleting buckets.</summary>
internal sealed class BucketStore(IAmazonS3 s3)
{
    /// <summary>Creates the bucket when it does not exist: private (all public-access blocks) and encrypted (SSE-S3).</summary>
    public async Task EnsurePrivateBucketAsync(string bucket, string region, CancellationToken ct)
    {
        if (await ExistsAsync(bucket, ct))
        {
            return;
        }

        try
        {
            await s3.PutBucketAsync(new PutBucketRequest
            {
                BucketName = bucket,
                BucketRegion = region == "us-east-1" ? null : new S3Region(region),
            }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
        }

        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true, BlockPublicPolicy = true, IgnorePublicAcls = true, RestrictPublicBuckets = true,
            },
        }, ct);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules =
                [
                    new ServerSideEncryptionRule
                    {
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
                    },
                ],
            },
        }, ct);
    }

    /// <summary>Uploads the package under a key named by its SHA-256 (so a new package is a new key and updates the function).</summary>
    public async Task<string> UploadPackageAsync(string bucket, string path, CancellationToken ct)
    {
        string hash;
        await using (var file = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        }

        var key = $"processor/{hash}.zip";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = path, ContentType = "application/zip" }, ct);
        return key;
    }

    /// <summary>Deletes every object version and delete marker in the bucket; a missing bucket is already empty.</summary>
    public async Task EmptyAsync(string bucket, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 1000 }, ct);
                var versions = page.Versions ?? [];
                if (versions.Count == 0)
                {
                    return;
                }

                var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = bucket,
                    Objects = [.. versions.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId == "null" ? null : v.VersionId })],
                    Quiet = true,
                }, ct);
                if (response.DeleteErrors is { Count: > 0 } errors)
                {
                    throw new InvalidOperationException(
                        $"Could not empty bucket '{bucket}': {errors.Count} objects not deleted, e.g. {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
                }
            }
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchBucket")
        {
        }
    }

    /// <summary>Empties and deletes the bucket; a missing bucket is not an error.</summary>
    public async Task DeleteAsync(string bucket, CancellationToken ct)
    {
        await EmptyAsync(bucket, ct);
        try
        {
            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchBucket")
        {
        }
    }

    public async Task<bool> ExistsAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchBucket")
        {
            return false;
        }
    }
}
