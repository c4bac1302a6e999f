namespace FilePipeline.Viewer.Pipeline;

/// <summary>
/// A message in the dead-letter queue and why it ended there, as far as the viewer can tell: its body whole and the
/// excerpt a list shows (the first <see cref="ExcerptLength"/> characters).
/// </summary>
public sealed record DeadLetter(
    string MessageId,
    DateTimeOffset? SentAt,
    int ReceiveCount,
    string? Key,
    string Reason,
    string Body)
{
    public const int ExcerptLength = 300;

    public bool IsTruncated => Body.Length > ExcerptLength;

    public string BodyExcerpt => IsTruncated ? Body[..ExcerptLength] + "…" : Body;

    public long BodyBytes => System.Text.Encoding.UTF8.GetByteCount(Body);
}
