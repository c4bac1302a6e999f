using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>What a function with <c>ReportBatchItemFailures</c> returns: the failed message ids only.</summary>
public sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures);

/// <summary>One failed message of a batch.</summary>
public sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
