using System.Globalization;
using System.Text;
using SessionKit.Bench.Live;

namespace SessionKit.Bench.Reporting;

/// <summary>The results as rows of metrics by configuration, for the console and for the markdown document.</summary>
internal static class LiveTable
{
    private static readonly (string Label, Func<LiveSummary, string> Value)[] Rows =
    [
        ("live latency p50 / p95 / p99 (ms)", s => $"{F(s.Median(r => r.Live.P50))} / {F(s.Median(r => r.Live.P95))} / {F(s.Median(r => r.Live.P99))}"),
        ("ingest ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.Acks.P50))} / {F(s.Median(r => r.Acks.P99))}"),
        ("baseline: hub echo p50 / p99 (ms)", s => $"{F(s.Median(r => r.Echo.P50))} / {F(s.Median(r => r.Echo.P99))}"),
        ("live p50 / echo p50", s => $"{F(s.Median(r => r.Ratio), "0.0")}x"),
        ("events delivered per second", s => F(s.Median(r => r.EventsPerSecond), "#,0")),
        ("batches acknowledged per second (SDKs' schedule: 10 per session)", s => F(s.Median(r => r.BatchesPerSecond), "#,0")),
        ("server CPU avg / peak (% of one core)", s => $"{F(s.Median(r => r.LiveResources.ServerCpuAverage), "0")} / {F(s.Median(r => r.LiveResources.ServerCpuPeak), "0")}"),
        ("server CPU avg (% of the machine)", s => F(s.Median(r => r.LiveResources.ServerCpuAverage / Environment.ProcessorCount), "0")),
        ("server RSS avg / peak (MiB)", s => $"{F(s.Median(r => r.LiveResources.ServerRssAverageMiB), "0")} / {F(s.Median(r => r.LiveResources.ServerRssPeakMiB), "0")}"),
        ("server CPU during the echo baseline (% of one core)", s => F(s.Median(r => r.EchoResources.ServerCpuAverage), "0")),
        ("load generator CPU avg (% of one core)", s => F(s.Median(r => r.LiveResources.BenchCpuAverage), "0")),
        ("machine busy avg (% of the machine)", s => F(s.Median(r => r.LiveResources.MachineBusyAverage / Environment.ProcessorCount), "0")),
        ("other processes / kernel CPU avg (% of one core)", s => $"{F(s.Median(r => r.LiveResources.OtherProcessesCpuAverage), "0")} / {F(s.Median(r => r.LiveResources.KernelCpuAverage), "0")}"),
        ("gaps / duplicates / lost / errors (all runs)", s => $"{s.Total(r => r.Gaps)} / {s.Total(r => r.Duplicates)} / {s.Total(r => r.Lost)} / {s.Total(r => r.Errors)}"),
        ("answers without live mode / late scheduler ticks", s => $"{s.Total(r => r.NotLive)} / {s.Total(r => r.LateFires)}"),
        ("setup: sessions / viewers watching (s)", s => $"{F(s.Median(r => r.SessionSetup.TotalSeconds), "0.0")} / {F(s.Median(r => r.ViewerSetup.TotalSeconds), "0.0")}"),
    ];

    public static string Console(IReadOnlyList<LiveSummary> summaries)
    {
        var headers = summaries.Select(Header).ToList();
        var labelWidth = Rows.Max(r => r.Label.Length);
        var widths = summaries.Select((s, i) => Math.Max(headers[i].Length, Rows.Max(r => r.Value(s).Length))).ToList();
        var text = new StringBuilder();
        text.Append(string.Empty.PadRight(labelWidth));
        for (var i = 0; i < summaries.Count; i++)
        {
            text.Append("  ").Append(headers[i].PadLeft(widths[i]));
        }

        text.AppendLine();
        foreach (var (label, value) in Rows)
        {
            text.Append(label.PadRight(labelWidth));
            for (var i = 0; i < summaries.Count; i++)
            {
                text.Append("  ").Append(value(summaries[i]).PadLeft(widths[i]));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<LiveSummary> summaries)
    {
        var text = new StringBuilder();
        text.Append("| |").AppendJoin(string.Empty, summaries.Select(s => $" {Header(s)} |")).AppendLine();
        text.Append("|---|").AppendJoin(string.Empty, summaries.Select(_ => "---|")).AppendLine();
        foreach (var (label, value) in Rows)
        {
            text.Append("| ").Append(label).Append(" |").AppendJoin(string.Empty, summaries.Select(s => $" {value(s)} |")).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>One line per run, so the spread behind a median is visible.</summary>
    public static string RunLine(LiveRunResult r) => r.Failure is not null
        ? $"N={r.Sessions} run {r.Run}: FAILED: {r.Failure}"
        : string.Create(CultureInfo.InvariantCulture,
            $"N={r.Sessions} run {r.Run}{(r.Disturbed ? " (disturbed by other processes)" : string.Empty)}: live p50/p95/p99 {F(r.Live.P50)}/{F(r.Live.P95)}/{F(r.Live.P99)} ms (max {F(r.Live.Max)}), ack p50/p99 {F(r.Acks.P50)}/{F(r.Acks.P99)} ms, echo p50/p99 {F(r.Echo.P50)}/{F(r.Echo.P99)} ms, ratio {F(r.Ratio, "0.0")}x, {F(r.EventsPerSecond, "0")} events/s, server CPU {F(r.LiveResources.ServerCpuAverage, "0")}% (peak {F(r.LiveResources.ServerCpuPeak, "0")}%), RSS {F(r.LiveResources.ServerRssPeakMiB, "0")} MiB peak, bench CPU {F(r.LiveResources.BenchCpuAverage, "0")}%, other processes {F(r.LiveResources.OtherProcessesCpuAverage, "0")}%, kernel {F(r.LiveResources.KernelCpuAverage, "0")}%, gaps {r.Gaps}, dupes {r.Duplicates}, lost {r.Lost}/{r.Recorded}, errors {r.Errors}{(r.ErrorKinds.Length > 0 ? $" ({r.ErrorKinds})" : string.Empty)}, {F(r.BatchesPerSecond, "0")} batches/s, deferred ticks {r.DeferredTicks}");

    /// <summary>Where the server's CPU went during the live measure window, by thread name.</summary>
    public static string ThreadsLine(LiveRunResult r) =>
        $"N={r.Sessions} run {r.Run}, server CPU by thread (% of one core): "
        + string.Join(", ", r.LiveResources.ServerThreads.Select(t => $"{t.Thread.Trim()} {F(t.Cpu, "0")}"))
        + (r.LiveResources.TopOtherProcesses.Count == 0 ? string.Empty
            : "; busiest other processes: " + string.Join(", ", r.LiveResources.TopOtherProcesses.Select(p => $"{p.Process} {F(p.Cpu, "0")}")));

    /// <summary>p99 of each measured second and the server's CPU in it, to show whether a tail is steady or comes in bursts.</summary>
    public static string SecondsLine(LiveRunResult r) =>
        $"N={r.Sessions} run {r.Run}, each second's live p99 in ms @ server CPU %: "
        + string.Join(" ", r.LiveBySecond.Seconds.Select((s, i) =>
            $"{F(s.P99, "0")}@{(i < r.LiveResources.ServerCpuBySecond.Count ? F(r.LiveResources.ServerCpuBySecond[i], "0") : "-")}"));

    private static string Header(LiveSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Sessions:#,0} sessions ({s.RunsLabel})");

    private static string F(double value, string format = "0.00") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
