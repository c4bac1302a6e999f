namespace FilePipeline.Processor.Validation;

/// <summary>Permanent rejections: size limit, type allow-list, declared type contradicting the content.</summary>
public sealed class ValidationPolicy(long maxObjectBytes, IReadOnlyList<string> allowedTypes, bool rejectTypeMismatch)
{
    public static ValidationPolicy From(ProcessorOptions options) =>
        new(options.MaxObjectBytes, options.AllowedTypeList(), options.RejectTypeMismatch);

    /// <summary>Checked before reading: the size the object has.</summary>
    public Verdict CheckSize(long size) =>
        size > maxObjectBytes
            ? Verdict.Reject($"size {size} bytes exceeds the limit of {maxObjectBytes} bytes")
            : Verdict.Accept;

    /// <summary>Checked after the scan: the detected type against the allow-list and the declared type.</summary>
    public Verdict CheckContent(string key, string? declaredContentType, string detectedType)
    {
        if (allowedTypes.Count > 0 && !allowedTypes.Any(pattern => Matches(pattern, detectedType)))
        {
            return Verdict.Reject($"detected type {detectedType} is not in the allowed types ({string.Join(", ", allowedTypes)})");
        }

        if (rejectTypeMismatch && DeclaredType.Contradiction(key, declaredContentType, detectedType) is { } contradiction)
        {
            return Verdict.Reject(contradiction);
        }

        return Verdict.Accept;
    }

    private static bool Matches(string pattern, string type) =>
        pattern.EndsWith("/*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, type, StringComparison.OrdinalIgnoreCase);
}
