using System.Globalization;

namespace SessionKit.Bench.Measurement;

/// <summary>Readings from /proc. CPU times are in USER_HZ ticks (<see cref="TicksPerSecond"/>).</summary>
internal static class ProcFs
{
    /// <summary>USER_HZ, the unit of the times in /proc/&lt;pid&gt;/stat: 100 on every Linux ABI .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    private const long KernelThreadFlag = 0x00200000; // PF_KTHREAD

    /// <summary>utime + stime of a process (all its threads): fields 14 and 15 of /proc/pid/stat.</summary>
    public static long CpuTicks(int pid) => CpuTicks(Fields(File.ReadAllText($"/proc/{pid}/stat")));

    /// <summary>VmRSS of /proc/pid/status, KiB.</summary>
    public static long RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>The machine's total and idle (idle + iowait) jiffies from the "cpu" line of /proc/stat.</summary>
    public static long MachineTicks(out long idle)
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        idle = values[3] + values[4];
        return values.Sum();
    }

    /// <summary>utime + stime of every thread of a process, summed by thread name.</summary>
    public static Dictionary<string, long> ThreadTicks(int pid)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (task, stat) in Stats($"/proc/{pid}/task"))
        {
            var name = TryRead(Path.Combine(task, "comm"))?.Trim() ?? "?";
            byName[name] = byName.GetValueOrDefault(name) + CpuTicks(stat);
        }

        return byName;
    }

    /// <summary>Time since boot in ticks, the clock of a process's start time.</summary>
    public static long UptimeTicks() =>
        (long)(double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture) * TicksPerSecond);

    /// <summary>Every user-space process except <paramref name="excluded"/>: its CPU ticks and start time, by pid.</summary>
    public static Dictionary<int, ProcessTicks> OtherProcessTicks(IReadOnlySet<int> excluded)
    {
        var byPid = new Dictionary<int, ProcessTicks>();
        foreach (var (process, stat) in Stats("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && !excluded.Contains(pid)
                && (long.Parse(stat[6], CultureInfo.InvariantCulture) & KernelThreadFlag) == 0)
            {
                // Field 22: start time in ticks since boot.
                byPid[pid] = new ProcessTicks(CpuTicks(stat), long.Parse(stat[19], CultureInfo.InvariantCulture), TryRead(Path.Combine(process, "comm"))?.Trim() ?? "?");
            }
        }

        return byPid;
    }

    /// <summary>
    /// CPU ticks each process used between two readings. A process missing from the first reading
    /// counts in full only if it started after it; otherwise (it could not be read then) it is skipped,
    /// since its whole life's CPU would be taken for a second's.
    /// </summary>
    public static IEnumerable<(int Pid, string Name, long Ticks)> Used(
        IReadOnlyDictionary<int, ProcessTicks> before, long beforeUptime, IReadOnlyDictionary<int, ProcessTicks> after) =>
        after.Select(p => before.TryGetValue(p.Key, out var earlier) && earlier.StartTime == p.Value.StartTime
                ? (p.Key, p.Value.Name, p.Value.Cpu - earlier.Cpu)
                : (p.Key, p.Value.Name, p.Value.StartTime >= beforeUptime ? p.Value.Cpu : 0))
            .Where(p => p.Item3 > 0);

    // fields[0] is field 3 of stat (state), so field n is fields[n - 3].
    private static long CpuTicks(string[] fields) =>
        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

    /// <summary>The fields after the parenthesized command name, which may itself hold spaces.</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static IEnumerable<(string Directory, string[] Fields)> Stats(string parent)
    {
        IEnumerable<string> directories;
        try
        {
            directories = Directory.EnumerateDirectories(parent).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            yield break; // The process is gone.
        }

        foreach (var directory in directories)
        {
            if (char.IsAsciiDigit(Path.GetFileName(directory)[0]) && TryRead(Path.Combine(directory, "stat")) is { } stat)
            {
                yield return (directory, Fields(stat));
            }
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null; // Ended while being read.
        }
    }
}

/// <summary>A process's CPU so far (utime + stime) and its start time, both in ticks; its name.</summary>
internal readonly record struct ProcessTicks(long Cpu, long StartTime, string Name);
