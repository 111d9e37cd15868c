using System.Text;

namespace SessionKit.Bench.Reporting;

/// <summary>Rows of labelled figures with one column per configuration, for the console and for markdown.</summary>
internal static class Table
{
    public static string Console<T>(IReadOnlyList<(string Label, Func<T, string> Value)> rows, IReadOnlyList<T> columns, Func<T, string> header)
    {
        var headers = columns.Select(header).ToList();
        var labels = rows.Select(r => r.Label.Replace("**", string.Empty, StringComparison.Ordinal)).ToList();
        string Cell(int row, T column) => rows[row].Value(column).Replace("**", string.Empty, StringComparison.Ordinal);
        var labelWidth = labels.Max(l => l.Length);
        var widths = columns.Select((c, i) => Math.Max(headers[i].Length, Enumerable.Range(0, rows.Count).Max(r => Cell(r, c).Length))).ToList();
        var text = new StringBuilder().Append(string.Empty.PadRight(labelWidth));
        for (var i = 0; i < columns.Count; i++)
        {
            text.Append("  ").Append(headers[i].PadLeft(widths[i]));
        }

        text.AppendLine();
        for (var row = 0; row < rows.Count; row++)
        {
            text.Append(labels[row].PadRight(labelWidth));
            for (var i = 0; i < columns.Count; i++)
            {
                text.Append("  ").Append(Cell(row, columns[i]).PadLeft(widths[i]));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Markdown<T>(IReadOnlyList<(string Label, Func<T, string> Value)> rows, IReadOnlyList<T> columns, Func<T, string> header)
    {
        var text = new StringBuilder();
        text.Append("| |").AppendJoin(string.Empty, columns.Select(c => $" {header(c)} |")).AppendLine();
        text.Append("|---|").AppendJoin(string.Empty, columns.Select(_ => "---:|")).AppendLine();
        foreach (var (label, value) in rows)
        {
            text.Append("| ").Append(label).Append(" |").AppendJoin(string.Empty, columns.Select(c => $" {value(c)} |")).AppendLine();
        }

        return text.ToString();
    }
}
