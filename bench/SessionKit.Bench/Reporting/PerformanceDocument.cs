using System.Globalization;
using System.Text;

namespace SessionKit.Bench.Reporting;

/// <summary>
/// Rewrites the generated part of a section of docs/performance.md, between its markers; the text
/// around the markers is written by hand and kept.
/// </summary>
internal static class PerformanceDocument
{
    public static void WriteLiveLatency(string path, MachineInfo machine, string command, string settings, IReadOnlyList<LiveSummary> summaries)
    {
        var generated = new StringBuilder()
            .AppendLine(settings)
            .AppendLine()
            .Append(LiveTable.Markdown(summaries))
            .AppendLine()
            .AppendLine("Every run:")
            .AppendLine()
            .AppendJoin(Environment.NewLine, summaries.SelectMany(s => s.All).Select(r =>
                $"- {LiveTable.RunLine(r)}\n  - {LiveTable.SecondsLine(r)}\n  - {LiveTable.ThreadsLine(r)}"))
            .AppendLine();
        WriteSection(path, "Live latency", "live-latency", machine, command, generated.ToString());
    }

    /// <summary>
    /// Replaces the generated block of <paramref name="marker"/> with the date, the machine, the command
    /// and <paramref name="body"/>; appends a new section under <paramref name="heading"/> when there is none.
    /// </summary>
    public static void WriteSection(string path, string heading, string marker, MachineInfo machine, string command, string body)
    {
        var generated = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine.Describe()}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`")
            .AppendLine()
            .Append(body);
        Replace(path, heading, marker, generated.ToString());
    }

    private static void Replace(string path, string heading, string marker, string generated)
    {
        var begin = $"<!-- {marker}:begin (written by bench/run.sh; edit outside these markers) -->";
        var end = $"<!-- {marker}:end -->";
        var block = $"{begin}\n{generated.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + end.Length))
            : $"{text.TrimEnd()}\n\n## {heading}\n\n{block}\n";
        File.WriteAllText(path, text);
    }
}
