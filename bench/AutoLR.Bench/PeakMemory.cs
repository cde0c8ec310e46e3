using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AutoLR.Bench;

/// <summary>
/// Peak resident memory of the process while one piece of work runs, above what was resident when it started.
/// Two independent readings: the kernel's high-water mark (VmHWM, reset through /proc/self/clear_refs), and VmRSS
/// sampled every millisecond on a background thread (catches the same peak unless it lasts under a millisecond).
/// Resident memory counts libtorch's native allocations, which the .NET GC does not see. Before each measurement
/// glibc is asked to return freed heap pages (malloc_trim), so what an earlier step left cached does not hide this
/// step's growth.
/// </summary>
public static class PeakMemory
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public sealed record Reading(double Seconds, long BaselineBytes, long HighWaterBytes, long SampledPeakBytes)
    {
        public long ExtraHighWater => HighWaterBytes - BaselineBytes;
        public long ExtraSampled => SampledPeakBytes - BaselineBytes;
    }

    public static (T Result, Reading Reading) Measure<T>(Func<T> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        MallocTrim(0);
        var highWaterReset = TryResetHighWater();
        var baseline = Status("VmRSS:");
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rss = Status("VmRSS:");
                if (rss > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, rss);
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var result = work();
        clock.Stop();
        stop.Cancel();
        sampler.Join();
        var highWater = highWaterReset ? Status("VmHWM:") : -1;
        return (result, new Reading(clock.Elapsed.TotalSeconds, baseline, highWater, Interlocked.Read(ref peak)));
    }

    /// <summary>Bytes the kernel says are available to start new work without swapping.</summary>
    public static long Available() => Field("/proc/meminfo", "MemAvailable:");

    private static bool TryResetHighWater()
    {
        try
        {
            // "5" resets the peak RSS counter to the current RSS (Linux 4.0+).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Status(string key) => Field("/proc/self/status", key);

    private static long Field(string file, string key)
    {
        foreach (var line in File.ReadLines(file))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line.AsSpan(key.Length).Trim().TrimEnd("kB").Trim()) * 1024;
        throw new InvalidOperationException($"{file} has no {key} line: this benchmark needs Linux /proc.");
    }
}
