using System.Globalization;
using System.Text;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Replay;

/// <summary>The replay results as a markdown table (the console gets the same text).</summary>
internal static class ReplayReport
{
    public static string Settings(ReplayBenchOptions options, Recording source, Recording longSession) => FormattableString.Invariant(
        $"The {options.Duration.TotalMinutes:0}-minute session is built from `{source.Name}` ({source.Events.Count} events over {source.Span.TotalSeconds:0} s): the recording itself, then its incremental events again every {source.Span.TotalSeconds + 1:0} s (mutations that add or remove nodes left out, so no node is added twice), with a new Meta + FullSnapshot every {LongSession.PageLoadEvery.TotalMinutes:0} minutes as page loads bring: {longSession.Events.Count:#,0} events, {longSession.RawBytes / 1e6:0.00} MB of JSON. ")
        + "Both sessions are ingested with the SDK's batches, the server is stopped gracefully (every session compacts) and started again on the same data, and each run opens "
        + $"`/#/sessions/<id>` in a fresh Chromium context (nothing cached, signed in by cookie), both sessions in a rotating order, after one unmeasured visit. "
        + "Times are from the start of navigation: the first frame is the animation frame after the player's iframe holds the rebuilt page (polled every frame), "
        + $"the events download is the Resource Timing of `GET /api/v1/sessions/<id>/events`. Medians of {options.Runs} runs.";

    public static string Table(IReadOnlyList<ReplaySubject> subjects)
    {
        var text = new StringBuilder()
            .AppendLine("| | " + string.Join(" | ", subjects.Select(s => s.Label)) + " |")
            .AppendLine("|---|" + string.Concat(subjects.Select(_ => "---:|")));
        void Row(string label, Func<ReplaySubject, string> value) => text.AppendLine($"| {label} | " + string.Join(" | ", subjects.Select(value)) + " |");
        Row("events / JSON", s => FormattableString.Invariant($"{s.Events:#,0} / {s.RawBytes / 1e6:0.00} MB"));
        Row("events download as sent / decoded (bytes)", s => FormattableString.Invariant($"{s.Median(r => r.EventsBytes ?? double.NaN):#,0} / {s.Median(r => r.EventsDecodedBytes ?? double.NaN):#,0}"));
        // Each stage is the median of the runs' own durations, so the stages of one run add up to its first frame.
        Row("1. dashboard document and main script (to DOMContentLoaded, ms)", s => F(s.Median(r => r.DomContentLoadedMs ?? double.NaN)));
        Row("2. sign-in state and the replay page's code, until the events are requested (ms)", s => F(s.Median(r => (r.EventsRequestMs - r.DomContentLoadedMs) ?? double.NaN)));
        Row("3. events download (ms)", s => F(s.Median(r => (r.EventsResponseEndMs - r.EventsRequestMs) ?? double.NaN)));
        Row("4. decoding, sorting, mounting the player, until its iframe exists (ms)", s => F(s.Median(r => r.IframeMs - (r.EventsResponseEndMs ?? double.NaN))));
        Row("5. the full snapshot rebuilt in the iframe (ms)", s => F(s.Median(r => r.DomMs - r.IframeMs)));
        Row("6. to the next frame (ms)", s => F(s.Median(r => r.FirstFrameMs - r.DomMs)));
        Row("**first frame (ms)**", s => $"**{F(s.Median(r => r.FirstFrameMs))}**");
        if (subjects.Count == 2)
        {
            var ratio = Measurement.Median.Of(subjects[0].Runs.Join(subjects[1].Runs, r => r.Run, r => r.Run, (a, b) => a.FirstFrameMs / b.FirstFrameMs));
            Row("first frame, long / short (within each run)", s => s == subjects[0] ? F(ratio, "0.00") + "x" : string.Empty);
        }

        Row("target: first frame under 1 s", s => s == subjects[0] ? (s.Median(r => r.FirstFrameMs) < 1000 ? "met" : "**not met**") : string.Empty);
        return text.ToString();
    }

    public static string RunLines(IReadOnlyList<ReplaySubject> subjects) => string.Join('\n', subjects.SelectMany(s => s.Runs.Select(r => FormattableString.Invariant(
        $"- run {r.Run}, {s.Label}: first frame {r.FirstFrameMs:0} ms (dashboard {r.DomContentLoadedMs:0}, events {r.EventsRequestMs:0} to {r.EventsResponseEndMs:0} ms, {r.EventsDecodedBytes:#,0} bytes; iframe {r.IframeMs:0}, page rebuilt {r.DomMs:0}); {r.FrameElements} elements in the frame"))).OrderBy(line => line, StringComparer.Ordinal));

    private static string F(double value, string format = "#,0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
