using System.Globalization;
using System.Text;

namespace SessionKit.Bench.Browser;

/// <summary>The SDK results as markdown tables (the console gets the same text).</summary>
internal static class SdkReport
{
    private static readonly (string Mode, string Label)[] Modes = [("none", "no recording"), ("rrweb", "rrweb's recorder alone"), ("sdk", "SessionKit SDK")];

    public static string Sizes(SdkSizes s) => new StringBuilder()
        .AppendLine("| what a page downloads (gzip -9) | bytes | target |")
        .AppendLine("|---|---:|---|")
        .AppendLine(Row("SDK's own code, without rrweb", s.SdkOnly, "under 5 KB (5,120 B): " + Met(s.SdkOnly < 5120) + $"; build budget {s.SdkOnlyBudget:#,0} B"))
        .AppendLine(Row("**script-tag bundle** `dist/sessionkit.js` (SDK + rrweb's recorder)", s.Iife, "under 30 KB (30,720 B): " + Met(s.Iife < 30720)))
        .AppendLine(Row("ES module `dist/sessionkit.mjs`", s.Esm, string.Empty))
        .AppendLine(Row("for comparison: rrweb's recorder alone (`@rrweb/record` UMD, minified)", s.RrwebRecorder, string.Empty))
        .ToString();

    public static string MainThread(MainThreadResults r)
    {
        var text = new StringBuilder()
            .AppendLine(FormattableString.Invariant($"| during the workload ({r.Steps} steps), medians | ") + string.Join(" | ", Modes.Select(m => m.Label)) + " |")
            .AppendLine("|---|---:|---:|---:|");
        void Line(string label, Func<MainThreadRun, double> figure, string format) =>
            text.AppendLine($"| {label} | " + string.Join(" | ", Modes.Select(m => F(r.Median(m.Mode, figure), format))) + " |");
        Line("main-thread time (ms, thread CPU)", x => x.TaskMs, "#,0");
        Line("of which script (ms)", x => x.ScriptMs, "#,0");
        Line("of which layout + style (ms)", x => x.LayoutMs + x.StyleMs, "#,0");
        Line("long tasks (over 50 ms)", x => x.LongTasks, "0");
        Line("time in long tasks (ms)", x => x.LongTaskMs, "#,0");
        Line("workload wall time (ms)", x => x.WorkloadMs, "#,0");
        Line("events recorded", x => x.Events, "#,0");
        text.AppendLine(CultureInfo.InvariantCulture, $"| main-thread time added over no recording (ms) | | {F(r.Added("rrweb"), "#,0")} | {F(r.Added("sdk"), "#,0")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **SDK / rrweb alone, main-thread time** (within each run) | | | **{F((r.SdkOverRrweb - 1) * 100, "+0.0;-0.0")} %** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| SDK's added time / rrweb's added time (within each run) | | | {F(r.AddedSdkOverAddedRrweb, "0.00")}x |");
        return text.ToString();
    }

    public static string RunLines(MainThreadResults r) => string.Join('\n', r.Runs.Select(x => FormattableString.Invariant(
        $"- run {x.Run}, {x.Mode}: main thread {x.TaskMs:0} ms (script {x.ScriptMs:0}, layout {x.LayoutMs:0}, style {x.StyleMs:0}), {x.LongTasks} long tasks ({x.LongTaskMs:0} ms), workload {x.WorkloadMs:0} ms, {x.Events} events")));

    private static string Row(string label, int bytes, string target) =>
        string.Create(CultureInfo.InvariantCulture, $"| {label} | {bytes:#,0} ({bytes / 1024.0:0.00} KB) | {target} |");

    private static string Met(bool met) => met ? "met" : "**not met**";

    private static string F(double value, string format) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
