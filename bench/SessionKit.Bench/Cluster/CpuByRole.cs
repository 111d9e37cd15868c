using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Cluster;

/// <summary>CPU of each part of a cluster over one window, in % of one core; the rest of the busy time is the kernel's.</summary>
internal sealed record CpuShares(double Nodes, double Broker, double Database, double LoadGenerator, double Other, double Kernel)
{
    public static CpuShares Empty { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public double Busy => Nodes + Broker + Database + LoadGenerator + Other + Kernel;

    /// <summary>The share of the cluster's own work (nodes, broker, database) that one part took.</summary>
    public double ShareOfCluster(double part) => part / (Nodes + Broker + Database);
}

/// <summary>
/// Reads every process's CPU (/proc) when the measure window opens and when it closes, and sums it by
/// role: the SessionKit nodes (by pid), the broker (RabbitMQ's Erlang VM and its helpers), the database
/// (every postgres process: backends, WAL writer, checkpointer), this load generator, and the rest.
/// </summary>
internal sealed class CpuByRole(IReadOnlyCollection<int> nodePids)
{
    private static readonly HashSet<string> BrokerProcesses = new(StringComparer.Ordinal) { "beam.smp", "erl_child_setup", "epmd", "inet_gethost" };

    private Reading _start = Reading.Take();

    public CpuShares Result { get; private set; } = CpuShares.Empty;

    public void Window(bool opened)
    {
        var now = Reading.Take();
        if (opened)
        {
            _start = now;
            return;
        }

        var seconds = (now.At - _start.At).TotalSeconds;
        double nodes = 0, broker = 0, database = 0, load = 0, other = 0;
        foreach (var (pid, name, ticks) in ProcFs.Used(_start.Processes, _start.Uptime, now.Processes))
        {
            var cpu = 100 * ticks / ProcFs.TicksPerSecond / seconds;
            if (nodePids.Contains(pid))
            {
                nodes += cpu;
            }
            else if (BrokerProcesses.Contains(name))
            {
                broker += cpu;
            }
            else if (name == "postgres")
            {
                database += cpu;
            }
            else if (pid == Environment.ProcessId)
            {
                load += cpu;
            }
            else
            {
                other += cpu;
            }
        }

        var machineTicks = now.MachineTotal - _start.MachineTotal;
        var busy = machineTicks == 0 ? 0 : 100.0 * Environment.ProcessorCount * (machineTicks - (now.MachineIdle - _start.MachineIdle)) / machineTicks;
        Result = new CpuShares(nodes, broker, database, load, other, Math.Max(0, busy - nodes - broker - database - load - other));
    }

    private sealed record Reading(Dictionary<int, ProcessTicks> Processes, long Uptime, long MachineTotal, long MachineIdle, DateTime At)
    {
        public static Reading Take()
        {
            var total = ProcFs.MachineTicks(out var idle);
            return new(ProcFs.OtherProcessTicks(new HashSet<int>()), ProcFs.UptimeTicks(), total, idle, DateTime.UtcNow);
        }
    }
}
