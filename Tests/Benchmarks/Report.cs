using System.Globalization;

namespace FilePipeline.Benchmarks;

/// <summary>Prints figures in one shape: what, value, ratio to the ceiling measured in the same run.</summary>
internal static class Report
{
    public static void Row(string what, double bytesPerSecond, double ceilingBytesPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-60} {bytesPerSecond / 1e6,10:F1} MB/s   ratio {bytesPerSecond / ceilingBytesPerSecond:F2}"));

    /// <summary>A rate (higher is better) and its ratio to the ceiling's rate.</summary>
    public static void Rate(string what, double value, double ceiling, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-60} {value,10:F1} {unit}   ratio {value / ceiling:F2}"));

    /// <summary>A duration (lower is better) and the ratio floor / value, so that 1.00 is as fast as the floor.</summary>
    public static void Duration(string what, TimeSpan value, TimeSpan floor) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-60} {value.TotalMilliseconds,10:F1} ms   ratio {floor / value:F2}"));

    public static void Line(string text) => Console.WriteLine("  " + text);
}
