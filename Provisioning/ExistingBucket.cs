using System.Text.RegularExpressions;

namespace FilePipeline.Provisioning;

/// <summary>
/// A bucket that already exists and that the stack attaches to instead of creating its own (the template's
/// <c>ExistingBucketName</c>): the stack adds only its own notification entry, for the keys with
/// <paramref name="KeyPrefix"/> and <paramref name="KeySuffix"/>, and never changes or deletes the bucket.
/// </summary>
public sealed partial record ExistingBucket(string Name, string KeyPrefix = "", string KeySuffix = "")
{
    /// <summary>Fails with a clear message unless <see cref="Name"/> is a bucket name the stack may attach to.</summary>
    public void Validate(string stackName, string account)
    {
        if (!BucketNamePattern().IsMatch(Name))
        {
            throw new ArgumentException(
                $"'{Name}' is not a bucket name: 3 to 63 lower case letters, digits, dots and dashes, starting and ending with a letter or digit.");
        }

        if (Name == StackProvisioner.UploadBucketName(stackName, account))
        {
            // destroy deletes a bucket of that name when no stack is left: it must only ever be the stack's own.
            throw new ArgumentException(
                $"'{Name}' is the name stack '{stackName}' gives the bucket it creates itself: attach to it under another stack name, or leave the existing bucket out.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketNamePattern();
}
