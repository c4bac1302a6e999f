namespace FilePipeline.Viewer.Pipeline;

/// <summary>A message in the dead-letter queue and why it ended there, as far as the viewer can tell.</summary>
public sealed record DeadLetter(
    string MessageId,
    DateTimeOffset? SentAt,
    int ReceiveCount,
    string? Key,
    string Reason,
    string BodyExcerpt);
