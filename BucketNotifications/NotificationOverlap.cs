namespace FilePipeline.BucketNotifications;

/// <summary>
/// S3's rule for a bucket's configurations: two entries may not both match one event of one key. They overlap when they
/// share an event type (<c>s3:ObjectCreated:*</c> covers <c>s3:ObjectCreated:Put</c>), their prefixes overlap (one starts
/// with the other; empty matches every key) and their suffixes overlap (one ends with the other). S3 refuses such a
/// configuration as a whole; the pipeline finds the entry in the way before it writes anything.
/// </summary>
public static class NotificationOverlap
{
    public static bool Overlaps(IEnumerable<string> eventsA, KeyFilter filterA, IEnumerable<string> eventsB, KeyFilter filterB) =>
        eventsA.Any(a => eventsB.Any(b => EventsOverlap(a, b)))
        && (filterA.Prefix.StartsWith(filterB.Prefix, StringComparison.Ordinal) || filterB.Prefix.StartsWith(filterA.Prefix, StringComparison.Ordinal))
        && (filterA.Suffix.EndsWith(filterB.Suffix, StringComparison.Ordinal) || filterB.Suffix.EndsWith(filterA.Suffix, StringComparison.Ordinal));

    /// <summary>Equal, or one is a wildcard (<c>s3:ObjectCreated:*</c>) of the other's family.</summary>
    public static bool EventsOverlap(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || Covers(a, b) || Covers(b, a);

    private static bool Covers(string wildcard, string other) =>
        wildcard.EndsWith(":*", StringComparison.Ordinal) && other.StartsWith(wildcard[..^1], StringComparison.Ordinal);
}

/// <summary>An entry's key filter (S3's <c>prefix</c> and <c>suffix</c> rules; empty when absent).</summary>
public sealed record KeyFilter(string Prefix, string Suffix)
{
    public static readonly KeyFilter All = new("", "");

    public override string ToString() => (Prefix, Suffix) switch
    {
        ("", "") => "every key",
        (_, "") => $"keys starting with '{Prefix}'",
        ("", _) => $"keys ending with '{Suffix}'",
        _ => $"keys starting with '{Prefix}' and ending with '{Suffix}'",
    };
}
