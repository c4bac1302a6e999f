namespace FilePipeline.FileRecords;

/// <summary>Where an object's record stands. Stored as the upper-case name.</summary>
public enum RecordStatus
{
    /// <summary>Inspected and recorded.</summary>
    Processed,

    /// <summary>Refused by the validation policy (size, type allow-list, type mismatch); not retried.</summary>
    Rejected,

    /// <summary>Processing kept failing; the message went to the dead-letter queue.</summary>
    Failed,

    /// <summary>An ObjectRemoved event arrived for the object.</summary>
    Deleted,

    /// <summary>The object was gone before it could be processed.</summary>
    Missing,
}
