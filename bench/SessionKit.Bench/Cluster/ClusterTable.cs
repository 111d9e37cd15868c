using System.Globalization;
using SessionKit.Bench.Ingest;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Cluster;

/// <summary>The cluster results as rows of figures by cluster size, for the console and the markdown document.</summary>
internal static class ClusterTable
{
    private static readonly (string Label, Func<ClusterSummary, string> Value)[] Rows =
    [
        ("back to back: events/s", s => F(s.Median(r => r.Ingest.EventsPerSecond), "#,0")),
        ("back to back: MB/s of event JSON (on the wire, gzip)", s => $"{F(s.Median(r => r.Ingest.MegabytesPerSecond), "0.0")} ({F(s.Median(r => r.Ingest.WireMegabytesPerSecond), "0.00")})"),
        ("back to back: ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.Ingest.Acks.P50))} / {F(s.Median(r => r.Ingest.Acks.P99))}"),
        ("back to back: CPU nodes / broker / database / load generator / kernel (% of one core)", s => Cpu(s, r => r.IngestCpu)),
        ("**back to back: share of the cluster's CPU in nodes / broker / database**", s => Shares(s, r => r.IngestCpu)),
        ("paced: events/s (SDK pace)", s => F(s.Median(r => r.Paced.EventsPerSecond), "#,0")),
        ("paced: ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.Paced.Acks.P50))} / {F(s.Median(r => r.Paced.Acks.P99))}"),
        ("paced: CPU nodes / broker / database / load generator / kernel (% of one core)", s => Cpu(s, r => r.PacedCpu)),
        ("paced: share of the cluster's CPU in nodes / broker / database", s => Shares(s, r => r.PacedCpu)),
        ("other processes CPU, back to back / paced (% of one core)", s => $"{F(s.Median(r => r.IngestCpu.Other), "0")} / {F(s.Median(r => r.PacedCpu.Other), "0")}"),
        ("failed attempts / batches given up (all runs)", s => $"{s.Runs.Sum(r => r.Ingest.ErrorCount + r.Paced.ErrorCount)} / {s.Runs.Sum(r => r.Ingest.GaveUp + r.Paced.GaveUp)}"),
        ("acknowledged events checked in storage (all runs)", Checked),
    ];

    public static string Console(IReadOnlyList<ClusterSummary> summaries) => Table.Console(Rows, summaries, Header);

    public static string Markdown(IReadOnlyList<ClusterSummary> summaries) => Table.Markdown(Rows, summaries, Header);

    public static string PhaseLine(PhaseResult p, CpuShares cpu) => string.Create(CultureInfo.InvariantCulture,
        $"{F(p.EventsPerSecond, "0")} events/s, {F(p.MegabytesPerSecond, "0.0")} MB/s, ack p50/p99 {F(p.Acks.P50)}/{F(p.Acks.P99)} ms, CPU nodes {F(cpu.Nodes, "0")}% broker {F(cpu.Broker, "0")}% database {F(cpu.Database, "0")}% load {F(cpu.LoadGenerator, "0")}% kernel {F(cpu.Kernel, "0")}% others {F(cpu.Other, "0")}%, errors {p.ErrorCount}{(p.Errors.Count > 0 ? " (" + string.Join(", ", p.Errors.Take(3).Select(e => $"{e.Kind} x{e.Count}")) + ")" : string.Empty)}, given up {p.GaveUp}");

    /// <summary>One line per run, so the spread behind a median is visible.</summary>
    public static string RunLine(ClusterRunResult r) => r.Failure is not null
        ? $"{r.Nodes} node(s) run {r.Run}: FAILED: {r.Failure}"
        : $"{r.Nodes} node(s) run {r.Run}: back to back {PhaseLine(r.Ingest, r.IngestCpu)}"
            + (double.IsNaN(r.Paced.Seconds) ? string.Empty : $"; paced {PhaseLine(r.Paced, r.PacedCpu)}")
            + $"; {r.NodeProblems} warnings in the nodes' logs"
            + (r.NodeLogs.Count > 0 ? $" (logs kept: {string.Join(", ", r.NodeLogs)})" : string.Empty);

    private static string Cpu(ClusterSummary s, Func<ClusterRunResult, CpuShares> cpu) =>
        string.Join(" / ", new Func<CpuShares, double>[] { c => c.Nodes, c => c.Broker, c => c.Database, c => c.LoadGenerator, c => c.Kernel }
            .Select(part => F(s.Median(r => part(cpu(r))), "0")));

    private static string Shares(ClusterSummary s, Func<ClusterRunResult, CpuShares> cpu) =>
        string.Join(" / ", new Func<CpuShares, double>[] { c => c.Nodes, c => c.Broker, c => c.Database }
            .Select(part => F(s.Median(r => cpu(r).ShareOfCluster(part(cpu(r))) * 100), "0") + " %"));

    private static string Checked(ClusterSummary s)
    {
        var results = s.Runs.Select(r => r.Verification).OfType<Load.VerificationResult>().ToList();
        var failed = results.Sum(v => v.Problems.Count);
        return $"{results.Sum(v => v.AcknowledgedEvents):#,0} in {results.Sum(v => v.Sessions):#,0} sessions: "
            + (failed == 0 && results.Count == s.Runs.Count ? "all stored once, in order" : $"{failed} sessions FAILED");
    }

    private static string Header(ClusterSummary s) => $"{s.Nodes} node{(s.Nodes == 1 ? string.Empty : "s")} ({s.RunsLabel})";

    private static string F(double value, string format = "0.00") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
