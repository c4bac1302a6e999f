namespace FilePipeline.FileRecords;

/// <summary>
/// The order of events for one key, as a string whose ordinal order is event order (stored as <c>OrderKey</c>).
/// S3's sequencer where the event has one (left-padded, upper-case hex), else the object's LastModified
/// (or the event time) followed by the ETag, so that two versions written in the same second still converge
/// on one winner whatever order they are processed in. A sequenced key sorts after an unsequenced one.
/// </summary>
public static class RecordOrder
{
    private const int SequencerWidth = 64;

    public static string Key(string? sequencer, DateTimeOffset? time, string? etag)
    {
        if (!string.IsNullOrWhiteSpace(sequencer) && sequencer.Length <= SequencerWidth && IsHex(sequencer))
        {
            return "S:" + sequencer.ToUpperInvariant().PadLeft(SequencerWidth, '0');
        }

        var stamp = time is { } t ? FileRecordItem.Timestamp(t) : "0000-00-00T00:00:00.000Z";
        return $"T:{stamp}|{etag?.Trim('"') ?? ""}";
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);
}
