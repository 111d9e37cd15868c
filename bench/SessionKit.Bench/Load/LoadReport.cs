using System.Globalization;
using System.Text;

namespace SessionKit.Bench.Load;

/// <summary>The load generator's closing summary.</summary>
internal static class LoadReport
{
    public static string Summary(LoadRunResult result, LoadOptions options)
    {
        var total = result.Stats.Total;
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);
        var acks = total.Acks.Summarize();
        var text = new StringBuilder();
        var unacknowledged = result.Sessions.Sum(s => s.States.Count(state => state == BatchState.Unacknowledged));
        Line(text, $"targets      {string.Join(", ", options.Urls)}; {options.Sessions} concurrent sessions, speed {(options.ClosedLoop ? "max (back to back)" : $"{options.Speed:0.##}x")}, {result.Elapsed.TotalSeconds:0.0} s");
        Line(text, $"sessions     {result.Sessions.Count:#,0} ({total.SessionsStarted:#,0} starts acknowledged)");
        Line(text, $"batches      {total.Batches:#,0} acknowledged ({total.Batches / seconds:#,0}/s), {total.Duplicates:#,0} of them as duplicates, {unacknowledged:#,0} sent but never acknowledged");
        Line(text, $"events       {total.Events:#,0} acknowledged ({total.Events / seconds:#,0}/s)");
        Line(text, $"bytes        {total.EventBytes / 1e6:#,0.0} MB of event JSON ({total.EventBytes / seconds / 1e6:0.0} MB/s), {total.WireBytes / 1e6:#,0.0} MB on the wire{(options.Batching.Gzip ? " (gzip)" : string.Empty)}");
        Line(text, $"ack latency  p50 {acks.P50:0.0} ms, p95 {acks.P95:0.0} ms, p99 {acks.P99:0.0} ms, max {acks.Max:0.0} ms");
        if (!options.ClosedLoop)
        {
            var delays = total.SendDelays.Summarize();
            Line(text, $"send delay   p50 {delays.P50:0.0} ms, p99 {delays.P99:0.0} ms (a batch waiting for the one before it, behind the SDK's schedule)");
        }

        var kinds = total.ErrorKinds.Count == 0 ? string.Empty : ": " + string.Join(", ", total.ErrorKinds.Select(e => $"{e.Kind} x{e.Count}"));
        Line(text, $"errors       {total.Errors:#,0} failed attempts, {total.Retries:#,0} retried, {total.Failovers:#,0} failovers, {total.GaveUp:#,0} batches given up{kinds}");
        if (result.Fatal is not null)
        {
            Line(text, $"fatal        {result.Fatal}");
        }

        return text.ToString();
    }

    public static string Verification(VerificationResult result)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"verified     {result.Sessions:#,0} sessions, {result.AcknowledgedEvents:#,0} acknowledged events, {result.StoredEvents:#,0} stored, in {result.Elapsed.TotalSeconds:0.0} s: ");
        return result.Passed
            ? head + "every acknowledged event stored once, in order."
            : head + $"FAILED in {result.Problems.Count} sessions:\n" + string.Join('\n', result.Problems.Take(10).Select(p => "  " + p));
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
