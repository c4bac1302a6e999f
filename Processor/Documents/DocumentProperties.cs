namespace FilePipeline.Processor.Documents;

/// <summary>What a PDF or Office Open XML parse found; absent values are null.</summary>
public sealed record DocumentProperties
{
    /// <summary>PDF pages, or a Word document's page count as its properties (docProps/app.xml) record it.</summary>
    public int? PageCount { get; init; }

    public long? WordCount { get; init; }

    /// <summary>The first 500 characters of the document's text.</summary>
    public string? Preview { get; init; }

    public string? Title { get; init; }

    public string? Author { get; init; }

    public DateTimeOffset? Created { get; init; }

    public int? SheetCount { get; init; }

    public IReadOnlyList<string>? SheetNames { get; init; }

    public int? SlideCount { get; init; }

    /// <summary>A macro-enabled Office form, or a package that carries a VBA project.</summary>
    public bool? HasMacros { get; init; }
}
