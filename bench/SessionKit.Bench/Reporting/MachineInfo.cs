using System.Globalization;
using System.Runtime.InteropServices;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Reporting;

/// <summary>What the numbers were measured on.</summary>
internal sealed record MachineInfo(
    int Cores, string CpuModel, double MemoryGiB, string OperatingSystem, string Kernel, string Runtime, string DiskOfTemp, LatencySummary Fsync, string LoadAverage)
{
    public static MachineInfo Read() => new(
        MachineCpus(),
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.Parse(FirstValue("/proc/meminfo", "MemTotal", ':')?.Split(' ')[0] ?? "0", CultureInfo.InvariantCulture) / 1024.0 / 1024.0,
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        ReadOrEmpty("/proc/sys/kernel/osrelease"),
        RuntimeInformation.FrameworkDescription,
        FileSystemOf(Path.GetTempPath()),
        FsyncProbe.Measure(Path.Combine(Path.GetTempPath(), "sessionkit-bench")),
        ReadOrEmpty("/proc/loadavg").Split(' ').FirstOrDefault() ?? "?");

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} CPUs of {CpuModel}, {MemoryGiB:0.0} GiB RAM, {OperatingSystem} (kernel {Kernel}), {Runtime}; server data directory on {DiskOfTemp}, where a 4 KiB write + fsync takes {Fsync.P50:0.00} ms (p50; p99 {Fsync.P99:0.00} ms); load average {LoadAverage} (1 min) when the benchmark started");

    /// <summary>The machine's CPUs, not this process's share (a pinned benchmark sees fewer).</summary>
    private static int MachineCpus() =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").Count(line => line.StartsWith("processor", StringComparison.Ordinal)) is > 0 and var cpus
            ? cpus
            : Environment.ProcessorCount;

    private static string? FirstValue(string path, string key, char separator)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;

    /// <summary>The file system type of the mount holding <paramref name="path"/>, from /proc/mounts (longest prefix).</summary>
    private static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "unknown";
        }

        var mount = File.ReadLines("/proc/mounts")
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length > 2 && path.StartsWith(parts[1], StringComparison.Ordinal))
            .OrderByDescending(parts => parts[1].Length)
            .FirstOrDefault();
        return mount is null ? "unknown" : $"{mount[2]} ({Path.TrimEndingDirectorySeparator(path)}, mounted at {mount[1]})";
    }
}
