using System.Globalization;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Grains;

/// <summary>The grain runtime results by configuration, for the console and the markdown document.</summary>
internal static class GrainsTable
{
    private static readonly (string Label, Func<GrainsResult, string> Value)[] Rows =
    [
        ("grains: messages/s", r => F(r.GrainMessagesPerSecond, "#,0")),
        ("channels baseline: messages/s", r => F(r.ChannelMessagesPerSecond, "#,0")),
        ("**grains / baseline** (within each run)", r => $"**{F(r.Ratio * 100, "0")} %**"),
        ("grains: messages per CPU-second", r => F(r.GrainMessagesPerCpuSecond, "#,0")),
        ("channels baseline: messages per CPU-second", r => F(r.ChannelMessagesPerCpuSecond, "#,0")),
        ("**memory per idle active grain** (managed heap)", r => $"**{B(r.BytesPerGrain)}**"),
        ("memory per idle grain, resident (RSS growth)", r => B(r.RssPerGrain)),
        ("memory per idle channel actor (managed heap / RSS)", r => $"{B(r.BytesPerActor)} / {B(r.RssPerActor)}"),
        ("messages counted by the grains / sent", r => $"{r.CounterTotal:#,0} / {r.MessagesSent:#,0}"),
    ];

    public static string Console(IReadOnlyList<GrainsResult> results) => Table.Console(Rows, results, Header);

    public static string Markdown(IReadOnlyList<GrainsResult> results) => Table.Markdown(Rows, results, Header);

    public static string RunLines(GrainsResult r) => string.Join('\n', r.GrainRuns.Zip(r.ChannelRuns).Select((pair, i) => FormattableString.Invariant(
        $"- {r.Grains:#,0} grains, run {i + 1}: grains {pair.First.MessagesPerSecond:#,0}/s ({pair.First.MessagesPerCpuSecond:#,0} per CPU-s, {pair.First.Elapsed.TotalSeconds:0.00} s), channels {pair.Second.MessagesPerSecond:#,0}/s ({pair.Second.MessagesPerCpuSecond:#,0} per CPU-s, {pair.Second.Elapsed.TotalSeconds:0.00} s), ratio {100 * pair.First.MessagesPerSecond / pair.Second.MessagesPerSecond:0} %")));

    private static string Header(GrainsResult r) => string.Create(CultureInfo.InvariantCulture, $"{r.Grains:#,0} active grains ({(r.GrainRuns.Count == 1 ? "1 run" : $"median of {r.GrainRuns.Count} runs")})");

    private static string B(double bytes) => double.IsNaN(bytes) ? "n/a" : F(bytes, "#,0") + " B";

    private static string F(double value, string format) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
