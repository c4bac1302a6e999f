using System.Text.Json;
using System.Text.Json.Serialization;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Api;

/// <summary>Statuses in JSON as the table stores them: <c>PROCESSED</c>, <c>REJECTED</c>, ...</summary>
public sealed class RecordStatusJsonConverter() : JsonStringEnumConverter<RecordStatus>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false);
