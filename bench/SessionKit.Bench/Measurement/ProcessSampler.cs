namespace SessionKit.Bench.Measurement;

/// <summary>CPU in percent of one core (100 = one core busy), memory in MiB; averages and peaks of 1 s samples.</summary>
internal sealed record ResourceUsage(
    double ServerCpuAverage, double ServerCpuPeak, double ServerRssAverageMiB, double ServerRssPeakMiB,
    double BenchCpuAverage, double OtherProcessesCpuAverage, double MachineBusyAverage, int Samples)
{
    public static ResourceUsage Empty { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>The server's CPU by thread name (".NET TP Worker", ".NET Server GC", ...), % of one core, busiest first.</summary>
    public IReadOnlyList<(string Thread, double Cpu)> ServerThreads { get; init; } = [];

    /// <summary>The server's CPU in each second sampled, % of one core.</summary>
    public IReadOnlyList<double> ServerCpuBySecond { get; init; } = [];

    /// <summary>The other processes that used the most CPU (% of one core), busiest first.</summary>
    public IReadOnlyList<(string Process, double Cpu)> TopOtherProcesses { get; init; } = [];

    /// <summary>Busy time charged to no process: interrupts and softirqs (loopback TCP), mostly.</summary>
    public double KernelCpuAverage => Math.Max(0, MachineBusyAverage - ServerCpuAverage - BenchCpuAverage - OtherProcessesCpuAverage);
}

/// <summary>
/// Samples every second: the server's utime+stime (/proc/&lt;pid&gt;/stat) and VmRSS (/proc/&lt;pid&gt;/status),
/// this process's CPU, every other user-space process's CPU (work by others that would skew the
/// numbers), and the machine's busy time (/proc/stat). Per-thread CPU of the server over the whole window.
/// </summary>
internal sealed class ProcessSampler(int serverPid) : IAsyncDisposable
{
    private readonly int _benchPid = Environment.ProcessId;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Sample> _samples = [];
    private readonly Dictionary<(int Pid, string Name), long> _otherTicks = [];
    private Task _loop = Task.CompletedTask;
    private Dictionary<string, long> _threadsAtStart = [];
    private DateTime _startedAt;

    public void Start()
    {
        (_threadsAtStart, _startedAt) = (ProcFs.ThreadTicks(serverPid), DateTime.UtcNow);
        _loop = Task.Run(LoopAsync);
    }

    public async Task<ResourceUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_samples.Count == 0)
        {
            return ResourceUsage.Empty;
        }

        var seconds = (DateTime.UtcNow - _startedAt).TotalSeconds;
        var threads = ProcFs.ThreadTicks(serverPid)
            .Select(t => (t.Key, Cpu: 100 * (t.Value - _threadsAtStart.GetValueOrDefault(t.Key)) / ProcFs.TicksPerSecond / seconds))
            .Where(t => t.Cpu >= 0.5)
            .OrderByDescending(t => t.Cpu)
            .ToList();
        return new ResourceUsage(
            _samples.Average(s => s.ServerCpu), _samples.Max(s => s.ServerCpu),
            _samples.Average(s => s.RssMiB), _samples.Max(s => s.RssMiB),
            _samples.Average(s => s.BenchCpu), _samples.Average(s => s.OtherCpu), _samples.Average(s => s.MachineBusy), _samples.Count)
        {
            ServerThreads = threads,
            ServerCpuBySecond = [.. _samples.Select(s => s.ServerCpu)],
            TopOtherProcesses = [.. _otherTicks.OrderByDescending(p => p.Value).Take(3)
                .Select(p => ($"{p.Key.Name} ({p.Key.Pid})", 100 * p.Value / ProcFs.TicksPerSecond / seconds))
                .Where(p => p.Item2 >= 1)],
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var before = Read();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = Read();
                var seconds = (now.At - before.At).TotalSeconds;
                var machineTicks = now.MachineTotal - before.MachineTotal;
                var otherTicks = 0L;
                foreach (var (pid, name, ticks) in ProcFs.Used(before.Others, before.Uptime, now.Others))
                {
                    otherTicks += ticks;
                    _otherTicks[(pid, name)] = _otherTicks.GetValueOrDefault((pid, name)) + ticks;
                }

                _samples.Add(new Sample(
                    Percent(now.ServerTicks - before.ServerTicks, seconds),
                    Percent(now.BenchTicks - before.BenchTicks, seconds),
                    Percent(otherTicks, seconds),
                    machineTicks == 0 ? 0 : 100.0 * Environment.ProcessorCount * (machineTicks - (now.MachineIdle - before.MachineIdle)) / machineTicks,
                    now.ServerRssKiB / 1024.0));
                before = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (IOException)
        {
            // The server exited: the samples so far stand.
        }
    }

    private static double Percent(long ticks, double seconds) => 100 * ticks / ProcFs.TicksPerSecond / seconds;

    private Reading Read() => new(
        DateTime.UtcNow,
        ProcFs.UptimeTicks(),
        ProcFs.CpuTicks(serverPid),
        ProcFs.CpuTicks(_benchPid),
        ProcFs.OtherProcessTicks(new HashSet<int> { serverPid, _benchPid }),
        ProcFs.RssKiB(serverPid),
        ProcFs.MachineTicks(out var idle),
        idle);

    private readonly record struct Sample(double ServerCpu, double BenchCpu, double OtherCpu, double MachineBusy, double RssMiB);

    private sealed record Reading(
        DateTime At, long Uptime, long ServerTicks, long BenchTicks, Dictionary<int, ProcessTicks> Others, long ServerRssKiB, long MachineTotal, long MachineIdle);
}
