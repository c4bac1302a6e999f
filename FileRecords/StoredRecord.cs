namespace FilePipeline.FileRecords;

/// <summary>
/// A record as the table holds it, with its revision: the number of writes the key's record has had
/// (<see cref="RecordStore"/>). Revision 0 means a record written before revisions existed.
/// </summary>
public sealed record StoredRecord(FileRecord Record, long Revision);
