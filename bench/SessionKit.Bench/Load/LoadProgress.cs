using System.Globalization;

namespace SessionKit.Bench.Load;

/// <summary>One line per second on stderr while a load runs: what the last second did.</summary>
internal static class LoadProgress
{
    public static async Task RunAsync(LoadRunner runner, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        runner.Stats.TakeSecond();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Progress.Log(Line(runner.Stats.TakeSecond(), runner.ActiveSessions, runner.Stats.Total));
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private static string Line(LoadCounters second, int active, LoadCounters total)
    {
        var seconds = Math.Max(second.Elapsed.TotalSeconds, 0.001);
        var acks = second.Acks.Summarize();
        return string.Create(CultureInfo.InvariantCulture,
            $"{active} sessions active ({total.SessionsStarted:#,0} started); {second.Batches / seconds:#,0} batches/s, {second.Events / seconds:#,0} events/s, {second.EventBytes / seconds / 1e6:0.0} MB/s (wire {second.WireBytes / seconds / 1e6:0.0}); ack p50/p99 {Ms(acks.P50)}/{Ms(acks.P99)} ms; errors {second.Errors} (total {total.Errors}, given up {total.GaveUp})");
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);
}
