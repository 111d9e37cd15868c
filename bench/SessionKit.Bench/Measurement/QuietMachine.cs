namespace SessionKit.Bench.Measurement;

/// <summary>
/// Waits, before a run, until the rest of the machine is quiet: on a small shared machine another
/// process's build or test run would be measured as the server's latency.
/// </summary>
internal static class QuietMachine
{
    /// <summary>
    /// Returns the CPU (% of one core) other processes used in the last 2 s once it is at most
    /// <paramref name="maxOtherCpu"/>, or after <paramref name="maxWait"/> whatever it is.
    /// </summary>
    public static async Task<double> WaitAsync(double maxOtherCpu, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + maxWait;
        var excluded = new HashSet<int> { Environment.ProcessId };
        var waited = false;
        while (true)
        {
            var (before, uptime) = (ProcFs.OtherProcessTicks(excluded), ProcFs.UptimeTicks());
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var cpu = 100 * ProcFs.Used(before, uptime, ProcFs.OtherProcessTicks(excluded)).Sum(p => p.Ticks) / ProcFs.TicksPerSecond / 2;
            if (cpu <= maxOtherCpu || DateTime.UtcNow >= deadline)
            {
                if (waited)
                {
                    Progress.Log($"other processes now use {cpu:0}% of a core");
                }

                return cpu;
            }

            if (!waited)
            {
                Progress.Log($"waiting for a quiet machine: other processes use {cpu:0}% of a core (limit {maxOtherCpu:0}%)");
                waited = true;
            }
        }
    }
}
