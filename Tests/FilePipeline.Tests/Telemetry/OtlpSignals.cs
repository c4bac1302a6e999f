namespace FilePipeline.Tests.Telemetry;

/// <summary>A span as an OTLP receiver got it; ids are lower-case hex ("" when absent).</summary>
public sealed record ReceivedSpan(
    string ServiceName,
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> LinkedTraceIds);

/// <summary>A metric as an OTLP receiver got it, with the attributes of each data point.</summary>
public sealed record ReceivedMetric(
    string ServiceName,
    string Scope,
    string Name,
    string Unit,
    IReadOnlyList<IReadOnlyDictionary<string, string>> PointAttributes);

/// <summary>A log record as an OTLP receiver got it; the scope is the logger's category.</summary>
public sealed record ReceivedLog(
    string ServiceName,
    string Category,
    string Body,
    int SeverityNumber,
    string TraceId,
    string SpanId);
