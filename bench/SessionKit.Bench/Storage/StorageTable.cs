using System.Globalization;
using System.Text;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Storage;

/// <summary>The storage results, one row per recording plus the total, medians over the runs.</summary>
internal static class StorageTable
{
    private const string Header =
        "| recording | events | recorded | raw JSON | gzip -6 | Brotli 5, whole | **SessionKit stored** | **stored / raw** | gzip / raw | stored per recorded minute | stored per event | chunks |";

    public static string Markdown(IReadOnlyList<StorageRunResult> runs)
    {
        var measured = runs.Where(r => r.Failure is null).ToList();
        var text = new StringBuilder().AppendLine(Header).AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (measured.Count == 0)
        {
            return text.ToString();
        }

        foreach (var name in measured[0].Recordings.Select(r => r.Recording.Name))
        {
            var rows = measured.Select(r => r.Recordings.Single(x => x.Recording.Name == name)).ToList();
            var first = rows[0];
            text.AppendLine(Row($"`{name}`", first.Recording.Events.Count, first.Minutes, first.Baseline.RawBytes, first.Baseline.GzipBytes,
                first.Baseline.BrotliBytes, Median.Of(rows, r => r.Stored.Bytes), $"{Median.Of(rows, r => r.Stored.Chunks):0}"));
        }

        var all = measured[0].Recordings;
        text.AppendLine(Row("**all recordings**", all.Sum(r => r.Recording.Events.Count), all.Sum(r => r.Minutes), all.Sum(r => r.Baseline.RawBytes),
            all.Sum(r => r.Baseline.GzipBytes), all.Sum(r => r.Baseline.BrotliBytes), Median.Of(measured, r => r.StoredBytes),
            $"{Median.Of(measured, r => r.Recordings.Sum(x => x.Stored.Chunks)):0}"));
        return text.ToString();
    }

    public static string Console(IReadOnlyList<StorageRunResult> runs) =>
        Markdown(runs).Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);

    /// <summary>One line per run: the figures that could differ between runs.</summary>
    public static string RunLine(StorageRunResult r) => r.Failure is not null
        ? $"run {r.Run}: FAILED: {r.Failure}"
        : FormattableString.Invariant(
            $"run {r.Run}: stored {r.StoredBytes:#,0} bytes of {r.RawBytes:#,0} raw ({100.0 * r.StoredBytes / r.RawBytes:0.00} %), database files grew by {r.FileGrowth:#,0} bytes ({r.FreeBytes:#,0} of them free pages); ")
          + string.Join(", ", r.Recordings.Select(x => FormattableString.Invariant($"{x.Recording.Name} {x.Stored.Bytes:#,0} in {x.Stored.Chunks} {x.Stored.Codecs} chunks + {x.Stored.Blobs} large strings + {x.Stored.PendingBatches} pending")))
          + $"; stopped cleanly: {(r.StoppedCleanly ? "yes" : "NO")}; " + (r.Verification is { } v ? Load.LoadReport.Verification(v).Replace("verified     ", "check: ", StringComparison.Ordinal) : "not checked");

    private static string Row(string name, int events, double minutes, long raw, long gzip, long brotli, double stored, string chunks) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {events:#,0} | {minutes * 60:0} s | {raw:#,0} | {gzip:#,0} | {brotli:#,0} | **{stored:#,0}** | **{100 * stored / raw:0.0} %** | {100.0 * gzip / raw:0.0} % | {stored / minutes:#,0} B | {stored / events:#,0} B | {chunks} |");
}
