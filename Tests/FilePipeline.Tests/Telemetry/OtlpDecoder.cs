using System.Globalization;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// Decodes the OTLP/HTTP protobuf export requests (opentelemetry-proto <c>collector/*/v1</c>) into the few fields
/// the tests assert on. Field numbers are the ones of opentelemetry-proto's <c>trace.proto</c>, <c>metrics.proto</c>,
/// <c>logs.proto</c>, <c>resource.proto</c> and <c>common.proto</c>.
/// </summary>
internal static class OtlpDecoder
{
    public static List<ReceivedSpan> Spans(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1) { ResourceSpans(reader.ReadBytes(), spans); } else { reader.Skip(); }
        }
        return spans;
    }

    public static List<ReceivedMetric> Metrics(ReadOnlySpan<byte> request)
    {
        var metrics = new List<ReceivedMetric>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1) { ResourceMetrics(reader.ReadBytes(), metrics); } else { reader.Skip(); }
        }
        return metrics;
    }

    public static List<ReceivedLog> Logs(ReadOnlySpan<byte> request)
    {
        var logs = new List<ReceivedLog>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1) { ResourceLogs(reader.ReadBytes(), logs); } else { reader.Skip(); }
        }
        return logs;
    }

    // ResourceSpans: 1 resource, 2 scope_spans. ScopeSpans: 1 scope, 2 spans.
    private static void ResourceSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> spans)
    {
        var service = ServiceName(message);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 2) { reader.Skip(); continue; }
            var scopeMessage = reader.ReadBytes();
            var scope = ScopeName(scopeMessage);
            var scopeReader = new ProtoReader(scopeMessage);
            while (scopeReader.Next())
            {
                if (scopeReader.FieldNumber == 2) { spans.Add(Span(service, scope, scopeReader.ReadBytes())); } else { scopeReader.Skip(); }
            }
        }
    }

    // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 13 links (Link: 1 trace_id).
    private static ReceivedSpan Span(string service, string scope, ReadOnlySpan<byte> message)
    {
        string traceId = "", spanId = "", parentId = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<string>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1: traceId = Hex(reader.ReadBytes()); break;
                case 2: spanId = Hex(reader.ReadBytes()); break;
                case 4: parentId = Hex(reader.ReadBytes()); break;
                case 5: name = reader.ReadString(); break;
                case 6: kind = (int)reader.ReadVarint(); break;
                case 9: AddAttribute(reader.ReadBytes(), attributes); break;
                case 13: links.Add(LinkTraceId(reader.ReadBytes())); break;
                default: reader.Skip(); break;
            }
        }
        return new ReceivedSpan(service, scope, name, traceId, spanId, parentId, kind, attributes, links);
    }

    private static string LinkTraceId(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1) { return Hex(reader.ReadBytes()); }
            reader.Skip();
        }
        return "";
    }

    // ResourceMetrics: 1 resource, 2 scope_metrics. ScopeMetrics: 1 scope, 2 metrics.
    private static void ResourceMetrics(ReadOnlySpan<byte> message, List<ReceivedMetric> metrics)
    {
        var service = ServiceName(message);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 2) { reader.Skip(); continue; }
            var scopeMessage = reader.ReadBytes();
            var scope = ScopeName(scopeMessage);
            var scopeReader = new ProtoReader(scopeMessage);
            while (scopeReader.Next())
            {
                if (scopeReader.FieldNumber == 2) { metrics.Add(Metric(service, scope, scopeReader.ReadBytes())); } else { scopeReader.Skip(); }
            }
        }
    }

    // Metric: 1 name, 3 unit, 5 gauge, 7 sum, 9 histogram, 10 exponential_histogram, 11 summary;
    // each data holder has data_points at 1; a data point's attributes are at 7 (number) or 9 (histograms).
    private static ReceivedMetric Metric(string service, string scope, ReadOnlySpan<byte> message)
    {
        string name = "", unit = "";
        var points = new List<IReadOnlyDictionary<string, string>>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1: name = reader.ReadString(); break;
                case 3: unit = reader.ReadString(); break;
                case 5 or 7: DataPoints(reader.ReadBytes(), attributesField: 7, points); break;
                case 9 or 10: DataPoints(reader.ReadBytes(), attributesField: 9, points); break;
                default: reader.Skip(); break;
            }
        }
        return new ReceivedMetric(service, scope, name, unit, points);
    }

    private static void DataPoints(ReadOnlySpan<byte> message, int attributesField, List<IReadOnlyDictionary<string, string>> points)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 1) { reader.Skip(); continue; }
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var point = new ProtoReader(reader.ReadBytes());
            while (point.Next())
            {
                if (point.FieldNumber == attributesField && point.WireType == 2) { AddAttribute(point.ReadBytes(), attributes); } else { point.Skip(); }
            }
            points.Add(attributes);
        }
    }

    // ResourceLogs: 1 resource, 2 scope_logs. ScopeLogs: 1 scope, 2 log_records.
    private static void ResourceLogs(ReadOnlySpan<byte> message, List<ReceivedLog> logs)
    {
        var service = ServiceName(message);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 2) { reader.Skip(); continue; }
            var scopeMessage = reader.ReadBytes();
            var scope = ScopeName(scopeMessage);
            var scopeReader = new ProtoReader(scopeMessage);
            while (scopeReader.Next())
            {
                if (scopeReader.FieldNumber == 2) { logs.Add(Log(service, scope, scopeReader.ReadBytes())); } else { scopeReader.Skip(); }
            }
        }
    }

    // LogRecord: 2 severity_number, 5 body, 9 trace_id, 10 span_id.
    private static ReceivedLog Log(string service, string scope, ReadOnlySpan<byte> message)
    {
        string body = "", traceId = "", spanId = "";
        var severity = 0;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 2: severity = (int)reader.ReadVarint(); break;
                case 5: body = AnyValue(reader.ReadBytes()); break;
                case 9: traceId = Hex(reader.ReadBytes()); break;
                case 10: spanId = Hex(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }
        return new ReceivedLog(service, scope, body, severity, traceId, spanId);
    }

    // Resource-holding messages carry the Resource at 1; Resource: 1 attributes.
    private static string ServiceName(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 1) { reader.Skip(); continue; }
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var resource = new ProtoReader(reader.ReadBytes());
            while (resource.Next())
            {
                if (resource.FieldNumber == 1) { AddAttribute(resource.ReadBytes(), attributes); } else { resource.Skip(); }
            }
            return attributes.GetValueOrDefault("service.name", "");
        }
        return "";
    }

    // Scope-holding messages carry the InstrumentationScope at 1; InstrumentationScope: 1 name.
    private static string ScopeName(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 1) { reader.Skip(); continue; }
            var scope = new ProtoReader(reader.ReadBytes());
            while (scope.Next())
            {
                if (scope.FieldNumber == 1) { return scope.ReadString(); }
                scope.Skip();
            }
            return "";
        }
        return "";
    }

    // KeyValue: 1 key, 2 value.
    private static void AddAttribute(ReadOnlySpan<byte> message, Dictionary<string, string> attributes)
    {
        string key = "", value = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = AnyValue(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }
        attributes[key] = value;
    }

    // AnyValue: 1 string, 2 bool, 3 int, 4 double; arrays, lists and bytes are rendered by their kind only.
    private static string AnyValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1: return reader.ReadString();
                case 2: return reader.ReadVarint() != 0 ? "true" : "false";
                case 3: return ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                case 4: return BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString(CultureInfo.InvariantCulture);
                case 5: reader.Skip(); return "[array]";
                case 6: reader.Skip(); return "{kvlist}";
                case 7: reader.Skip(); return "(bytes)";
                default: reader.Skip(); break;
            }
        }
        return "";
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
