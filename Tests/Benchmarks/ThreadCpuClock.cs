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
    /// CPU nanoseconds per operation of <paramref name="operation"/> in each of <paramref name="rounds"/> rounds of about
    /// <paramref name="roundLength"/> of CPU time, after a warm-up, fastest first. <paramref name="perCall"/> operations per call.
    /// </summary>
    public static double[] PerOperation(Func<int> operation, int perCall = 1, int rounds = 7, TimeSpan? roundLength = null)
    {
        var length = (long)(roundLength ?? TimeSpan.FromMilliseconds(300)).TotalNanoseconds;
        var sink = 0;
        var calls = 1;
        // Warm-up, and the number of calls that takes about one round.
        while (true)
        {
            var start = Nanoseconds();
            for (var i = 0; i < calls; i++)
            {
                sink += operation();
            }

            if (Nanoseconds() - start >= length / 4)
            {
                calls *= 4;
                break;
            }

            calls *= 2;
        }

        var perOperation = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var start = Nanoseconds();
            for (var i = 0; i < calls; i++)
            {
                sink += operation();
            }

            perOperation[round] = (double)(Nanoseconds() - start) / calls / perCall;
        }

        GC.KeepAlive(sink);
        Array.Sort(perOperation);
        return perOperation;
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
