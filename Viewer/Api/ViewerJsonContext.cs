using System.Text.Json;
using System.Text.Json.Serialization;
using FilePipeline.FileRecords;
using FilePipeline.Viewer.Pipeline;
using Microsoft.AspNetCore.Mvc;

namespace FilePipeline.Viewer.Api;

/// <summary>Every type the API writes or reads, source-generated (no reflection JSON).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(RecordStatusJsonConverter)])]
[JsonSerializable(typeof(RecordList))]
[JsonSerializable(typeof(RecordDetail))]
[JsonSerializable(typeof(RecordSummary))]
[JsonSerializable(typeof(FileRecord))]
[JsonSerializable(typeof(RecordStatus))]
[JsonSerializable(typeof(UploadResult[]))]
[JsonSerializable(typeof(AntiforgeryToken))]
[JsonSerializable(typeof(PipelineStatus))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetter>))]
[JsonSerializable(typeof(RedriveResult))]
[JsonSerializable(typeof(ReconcileOutcome))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ViewerJsonContext : JsonSerializerContext;
