using System.Globalization;

namespace FilePipeline.Benchmarks;

/// <summary>Prints figures in one shape: what, value, ratio to the ceiling measured in the same run.</summary>
internal static class Report
{
    public static void Row(string what, double bytesPerSecond, double ceilingBytesPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-60} {bytesPerSecond / 1e6,10:F1} MB/s   ratio {bytesPerSecond / ceilingBytesPerSecond:F2}"));

    public static void Line(string text) => Console.WriteLine("  " + text);
}
