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

    /// <summary>
    /// The object is gone (deleted, or a delete marker is its latest version) after its record had described a
    /// version of it. The record keeps none of that version's fields: it describes what S3 holds now.
    /// </summary>
    Deleted,

    /// <summary>The object was gone before any version of it could be recorded; nothing about it was measured.</summary>
    Missing,
}
