using System.Diagnostics;

namespace SessionKit.Bench.Grains;

/// <summary>How fast one run pushed its messages through, by the clock and by this process's CPU time.</summary>
internal sealed record DriveResult(long Messages, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>Messages per second of CPU time the process used (robust when another process shares the core).</summary>
    public double MessagesPerCpuSecond => Messages / Cpu.TotalSeconds;
}

/// <summary>
/// One caller sending messages to the targets in turn, <c>window</c> at a time: it sends a window of
/// calls, then awaits their replies, so at most that many are queued at once, spread over the targets.
/// </summary>
internal static class MessageDriver
{
    public const int Window = 512;

    public static async Task<DriveResult> RunAsync(Func<int, Task<int>> call, int targets, long messages)
    {
        var replies = new Task<int>[Window];
        var cpuBefore = CpuTime();
        var clock = Stopwatch.StartNew();
        var next = 0;
        for (long sent = 0; sent < messages;)
        {
            var count = (int)Math.Min(Window, messages - sent);
            for (var i = 0; i < count; i++)
            {
                replies[i] = call(next);
                next = next + 1 == targets ? 0 : next + 1;
            }

            for (var i = 0; i < count; i++)
            {
                await replies[i];
            }

            sent += count;
        }

        return new DriveResult(messages, clock.Elapsed, CpuTime() - cpuBefore);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
