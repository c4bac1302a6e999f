namespace FilePipeline.Viewer.Pipeline;

/// <summary>Records processed in the minute starting at <see cref="Minute"/>.</summary>
public sealed record ThroughputPoint(DateTimeOffset Minute, int Records)
{
    /// <summary>Buckets processing times into the <paramref name="minutes"/> whole minutes up to <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<ThroughputPoint> PerMinute(IEnumerable<DateTimeOffset> times, DateTimeOffset now, int minutes)
    {
        var end = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var first = end.AddMinutes(-(minutes - 1));
        var counts = new int[minutes];
        foreach (var time in times)
        {
            var slot = (int)Math.Floor((time - first).TotalMinutes);
            if (slot >= 0 && slot < minutes)
            {
                counts[slot]++;
            }
        }

        return [.. counts.Select((count, i) => new ThroughputPoint(first.AddMinutes(i), count))];
    }
}
