using System.Runtime.InteropServices;

namespace FilePipeline.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanoseconds): unlike the wall clock it
/// does not count the time the thread waits for a core, so a figure taken on a loaded machine stays comparable.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static long Nanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    /// <summary>
    /// CPU nanoseconds per operation of <paramref name="operation"/> over <paramref name="rounds"/> rounds of about
    /// <paramref name="roundLength"/> of CPU time each, after a warm-up. <paramref name="perCall"/> operations per call.
    /// </summary>
    public static RoundFigures PerOperation(Func<int> operation, int perCall, int rounds, TimeSpan roundLength)
    {
        var calls = CallsPerRound(operation, (long)roundLength.TotalNanoseconds);
        var perOperation = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            perOperation[round] = Round(operation, calls) / perCall;
        }

        return RoundFigures.Of(perOperation);
    }

    /// <summary>
    /// <paramref name="operation"/> and <paramref name="floor"/> in alternating rounds of about <paramref name="roundLength"/>
    /// each, so that both see the same minutes of the machine: the pairs' ratios (operation / floor), and each one's CPU
    /// nanoseconds per call.
    /// </summary>
    public static (RoundFigures Ratios, RoundFigures Operation, RoundFigures Floor) Alternating(Func<int> operation, Func<int> floor, int rounds, TimeSpan roundLength)
    {
        var length = (long)roundLength.TotalNanoseconds;
        var (operationCalls, floorCalls) = (CallsPerRound(operation, length), CallsPerRound(floor, length));
        var (ratios, operationTimes, floorTimes) = (new double[rounds], new double[rounds], new double[rounds]);
        for (var round = 0; round < rounds; round++)
        {
            operationTimes[round] = Round(operation, operationCalls);
            floorTimes[round] = Round(floor, floorCalls);
            ratios[round] = operationTimes[round] / floorTimes[round];
        }

        return (RoundFigures.Of(ratios), RoundFigures.Of(operationTimes), RoundFigures.Of(floorTimes));
    }

    /// <summary>CPU nanoseconds per call of <paramref name="calls"/> calls of <paramref name="operation"/>.</summary>
    private static double Round(Func<int> operation, int calls)
    {
        var sink = 0;
        var start = Nanoseconds();
        for (var i = 0; i < calls; i++)
        {
            sink += operation();
        }

        var elapsed = Nanoseconds() - start;
        GC.KeepAlive(sink);
        return (double)elapsed / calls;
    }

    /// <summary>After a warm-up, the number of calls of <paramref name="operation"/> that take about <paramref name="length"/> ns of CPU.</summary>
    private static int CallsPerRound(Func<int> operation, long length)
    {
        var sink = 0;
        var calls = 1;
        while (true)
        {
            var start = Nanoseconds();
            for (var i = 0; i < calls; i++)
            {
                sink += operation();
            }

            var elapsed = Nanoseconds() - start;
            if (elapsed >= length / 4)
            {
                GC.KeepAlive(sink);
                return (int)Math.Max(1, calls * length / Math.Max(1, elapsed));
            }

            calls *= 2;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}

/// <summary>What a set of rounds gives: their median, and the fastest quarter's bound (p25, nearest rank).</summary>
internal readonly record struct RoundFigures(double Median, double P25)
{
    public static RoundFigures Of(double[] rounds)
    {
        var sorted = rounds.Order().ToArray();
        return new RoundFigures(Percentiles.Median(sorted), sorted[sorted.Length / 4]);
    }
}
