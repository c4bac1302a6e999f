namespace FilePipeline.Processor.Events;

/// <summary>S3 notification keys are URL-encoded with form semantics: <c>+</c> is a space, <c>%2B</c> a plus.</summary>
public static class ObjectKey
{
    public static string DecodeForm(string encoded) =>
        encoded.Contains('+', StringComparison.Ordinal) || encoded.Contains('%', StringComparison.Ordinal)
            ? Uri.UnescapeDataString(encoded.Replace('+', ' '))
            : encoded;
}
