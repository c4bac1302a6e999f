namespace FilePipeline.Processor.Documents;

/// <summary>What an image's headers and EXIF say; absent values are null. GPS coordinates are never kept.</summary>
public sealed record ImageProperties
{
    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    /// <summary>EXIF DateTimeOriginal as ISO 8601; with its offset only when EXIF records one (OffsetTimeOriginal).</summary>
    public string? TakenAt { get; init; }

    /// <summary>EXIF orientation, 1 (upright) to 8.</summary>
    public int? Orientation { get; init; }

    /// <summary>Whether the image carries a GPS position (EXIF GPS latitude or longitude).</summary>
    public bool? HasGps { get; init; }
}
