using System.Globalization;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Ingest;

/// <summary>The ingest results as rows of figures by configuration, for the console and the markdown document.</summary>
internal static class IngestTable
{
    private static readonly (string Label, Func<IngestSummary, string> Value)[] Rows =
    [
        ("ingest: events/s", s => F(s.Median(r => r.Ingest.EventsPerSecond), "#,0")),
        ("ingest: MB/s of event JSON (on the wire, gzip)", s => $"{F(s.Median(r => r.Ingest.MegabytesPerSecond), "0.0")} ({F(s.Median(r => r.Ingest.WireMegabytesPerSecond), "0.0")})"),
        ("ingest: batches/s", s => F(s.Median(r => r.Ingest.BatchesPerSecond), "#,0")),
        ("ingest: ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.Ingest.Acks.P50))} / {F(s.Median(r => r.Ingest.Acks.P99))}"),
        ("no-op: events/s", s => F(s.Median(r => r.NoOp.EventsPerSecond), "#,0")),
        ("no-op: MB/s of event JSON (on the wire)", s => $"{F(s.Median(r => r.NoOp.MegabytesPerSecond), "0.0")} ({F(s.Median(r => r.NoOp.WireMegabytesPerSecond), "0.0")})"),
        ("no-op: ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.NoOp.Acks.P50))} / {F(s.Median(r => r.NoOp.Acks.P99))}"),
        ("**ingest / no-op throughput** (events/s, within each run)", s => $"**{F(s.Median(r => r.Ratio) * 100, "0")} %**"),
        ("paced: events/s (SDK pace, recordings looped)", s => F(s.Median(r => r.Paced.EventsPerSecond), "#,0")),
        ("paced: ack p50 / p99 (ms)", s => $"{F(s.Median(r => r.Paced.Acks.P50))} / {F(s.Median(r => r.Paced.Acks.P99))}"),
        ("paced: ack p99 of batches under 1 MB of event JSON (ms; share of larger batches)", s => $"{F(s.Median(r => r.Paced.SmallAcks.P99))} ({F(s.Median(r => r.Paced.LargeShare) * 100, "0.0")} %)"),
        ("paced: batches sent late by p99 (ms)", s => F(s.Median(r => r.Paced.SendDelays.P99))),
        ("server CPU, ingest / no-op / paced (% of one core)", s => $"{F(s.Median(r => r.Ingest.Resources.ServerCpuAverage), "0")} / {F(s.Median(r => r.NoOp.Resources.ServerCpuAverage), "0")} / {F(s.Median(r => r.Paced.Resources.ServerCpuAverage), "0")}"),
        ("server RSS peak, ingest (MiB)", s => F(s.Median(r => r.Ingest.Resources.ServerRssPeakMiB), "0")),
        ("load generator CPU, ingest / no-op (% of one core)", s => $"{F(s.Median(r => r.Ingest.Resources.BenchCpuAverage), "0")} / {F(s.Median(r => r.NoOp.Resources.BenchCpuAverage), "0")}"),
        ("other processes CPU, ingest (% of one core)", s => F(s.Median(r => r.Ingest.Resources.OtherProcessesCpuAverage), "0")),
        ("failed attempts / batches given up (all runs)", s => $"{s.Total(r => r.Ingest.ErrorCount + r.Paced.ErrorCount)} / {s.Total(r => r.Ingest.GaveUp + r.Paced.GaveUp)}"),
        ("acknowledged events checked in storage (all runs)", s => Checked(s)),
    ];

    public static string Console(IReadOnlyList<IngestSummary> summaries) => Table.Console(Rows, summaries, Header);

    public static string Markdown(IReadOnlyList<IngestSummary> summaries) => Table.Markdown(Rows, summaries, Header);

    public static string PhaseLine(PhaseResult p) => string.Create(CultureInfo.InvariantCulture,
        $"{F(p.EventsPerSecond, "0")} events/s, {F(p.MegabytesPerSecond, "0.0")} MB/s (wire {F(p.WireMegabytesPerSecond, "0.0")}), {F(p.BatchesPerSecond, "0")} batches/s, ack p50/p99 {F(p.Acks.P50)}/{F(p.Acks.P99)} ms, server CPU {F(p.Resources.ServerCpuAverage, "0")}% ({Threads(p)}), RSS {F(p.Resources.ServerRssPeakMiB, "0")} MiB, bench CPU {F(p.Resources.BenchCpuAverage, "0")}%, others {F(p.Resources.OtherProcessesCpuAverage, "0")}%, errors {p.ErrorCount}{(p.Errors.Count > 0 ? " (" + string.Join(", ", p.Errors.Take(3).Select(e => $"{e.Kind} x{e.Count}")) + ")" : string.Empty)}, given up {p.GaveUp}");

    /// <summary>One line per run, so the spread behind a median is visible.</summary>
    public static string RunLine(IngestRunResult r) => r.Failure is not null
        ? $"N={r.Sessions} run {r.Run}: FAILED: {r.Failure}"
        : FormattableString.Invariant(
            $"N={r.Sessions} run {r.Run}{(r.Disturbed ? " (disturbed by other processes)" : string.Empty)}: ratio {F(r.Ratio * 100, "0")} %; ingest {PhaseLine(r.Ingest)}; no-op {PhaseLine(r.NoOp)}")
            + (double.IsNaN(r.Paced.Seconds) ? string.Empty : $"; paced {PhaseLine(r.Paced)}, sent late p99 {F(r.Paced.SendDelays.P99)} ms, batches under 1 MB ack p99 {F(r.Paced.SmallAcks.P99)} ms ({F(r.Paced.LargeShare * 100, "0.0")} % larger)");

    /// <summary>The server's busiest threads by name, % of one core: where its CPU went.</summary>
    private static string Threads(PhaseResult p) =>
        string.Join(", ", p.Resources.ServerThreads.Take(3).Select(t => $"{t.Thread.Trim()} {F(t.Cpu, "0")}"));

    private static string Checked(IngestSummary s)
    {
        var results = s.All.Select(r => r.Verification).OfType<Load.VerificationResult>().ToList();
        var failed = results.Sum(v => v.Problems.Count);
        return $"{results.Sum(v => v.AcknowledgedEvents):#,0} in {results.Sum(v => v.Sessions):#,0} sessions: " + (failed == 0 && results.Count == s.All.Count() ? "all stored once, in order" : $"{failed} sessions FAILED");
    }

    private static string Header(IngestSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Sessions:#,0} sessions ({s.RunsLabel})");

    private static string F(double value, string format = "0.00") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
