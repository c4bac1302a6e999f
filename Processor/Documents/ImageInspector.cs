using System.Globalization;
using FilePipeline.Processor.Scanning;
using MetadataExtractor;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Heif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.WebP;
using Directory = MetadataExtractor.Directory;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// An image's dimensions and EXIF (camera make and model, when it was taken, orientation, whether it has a GPS
/// position) with MetadataExtractor. Coordinates are never read into the record: only whether there are any.
/// </summary>
internal static class ImageInspector
{
    public static ContentDetails Inspect(string type, Stream image)
    {
        var directories = ImageMetadataReader.ReadMetadata(image);
        var (width, height) = Dimensions(type, directories);
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var exif = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var properties = new ImageProperties
        {
            Width = width,
            Height = height,
            CameraMake = Text.Clean(ifd0?.GetString(ExifDirectoryBase.TagMake)),
            CameraModel = Text.Clean(ifd0?.GetString(ExifDirectoryBase.TagModel)),
            TakenAt = TakenAt(exif),
            Orientation = ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var orientation) && orientation is >= 1 and <= 8 ? orientation : null,
            HasGps = gps is not null && (gps.ContainsTag(GpsDirectory.TagLatitude) || gps.ContainsTag(GpsDirectory.TagLongitude)),
        };
        var error = directories.SelectMany(directory => directory.Errors.Select(message => $"{directory.Name}: {message}")).FirstOrDefault();
        var note = (width is null, error) switch
        {
            (true, { } message) => $"image dimensions not extracted: {Text.Clean(message)}",
            (true, null) => "image dimensions not extracted: the headers do not hold them",
            (false, { } message) => $"image metadata partly unreadable: {Text.Clean(message)}",
            _ => null,
        };
        return new ContentDetails(null, properties, null, note);
    }

    private static (int? Width, int? Height) Dimensions(string type, IReadOnlyList<Directory> directories) => type switch
    {
        MediaTypes.Jpeg => Read<JpegDirectory>(directories, JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight),
        MediaTypes.Png => Read<PngDirectory>(directories, PngDirectory.TagImageWidth, PngDirectory.TagImageHeight),
        MediaTypes.Gif => Read<GifHeaderDirectory>(directories, GifHeaderDirectory.TagImageWidth, GifHeaderDirectory.TagImageHeight),
        MediaTypes.WebP => Read<WebPDirectory>(directories, WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight),
        MediaTypes.Bmp => Read<BmpHeaderDirectory>(directories, BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight),
        MediaTypes.Tiff => Read<ExifIfd0Directory>(directories, ExifDirectoryBase.TagImageWidth, ExifDirectoryBase.TagImageHeight),
        MediaTypes.Heic => Read<HeicImagePropertiesDirectory>(directories, HeicImagePropertiesDirectory.TagImageWidth, HeicImagePropertiesDirectory.TagImageHeight),
        _ => (null, null),
    };

    private static (int? Width, int? Height) Read<T>(IReadOnlyList<Directory> directories, int widthTag, int heightTag)
        where T : Directory
    {
        foreach (var directory in directories.OfType<T>())
        {
            if (directory.TryGetInt32(widthTag, out var width) && directory.TryGetInt32(heightTag, out var height))
            {
                // A BMP stored top-down records a negative height.
                return (Math.Abs(width), Math.Abs(height));
            }
        }

        return (null, null);
    }

    /// <summary>DateTimeOriginal (<c>yyyy:MM:dd HH:mm:ss</c>, camera local time) as ISO 8601, with OffsetTimeOriginal when present.</summary>
    private static string? TakenAt(ExifSubIfdDirectory? exif)
    {
        if (exif?.GetString(ExifDirectoryBase.TagDateTimeOriginal) is not { } text
            || !DateTime.TryParseExact(text.Trim('\0', ' '), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var taken = local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var offset = exif.GetString(ExifDirectoryBase.TagTimeZoneOriginal)?.Trim('\0', ' ');
        return offset is { Length: 6 } && (offset[0] is '+' or '-') && TimeSpan.TryParseExact(offset[1..], @"hh\:mm", CultureInfo.InvariantCulture, out _)
            ? taken + offset
            : taken;
    }
}
