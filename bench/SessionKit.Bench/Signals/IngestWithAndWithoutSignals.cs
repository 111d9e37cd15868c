using System.Globalization;
using SessionKit.Bench.Hosting;
using SessionKit.Bench.Ingest;
using SessionKit.Bench.Load;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Signals;

/// <summary>One run's figures for one setting: throughput and the server's CPU per event.</summary>
internal sealed record IngestCost(bool Signals, double EventsPerSecond, double ServerCpuMicrosecondsPerEvent, bool Correct);

/// <summary>
/// The whole ingest path with frustration signals on and off (<c>SessionKit:Signals:Enabled</c>), the same
/// back-to-back load against a fresh server each time, alternating within each run: what rules cost
/// against ingesting the same events without them, in server CPU per event.
/// </summary>
internal static class IngestWithAndWithoutSignals
{
    public static async Task<IReadOnlyList<IngestCost>> RunAsync(SignalsBenchOptions options, CancellationToken cancellationToken)
    {
        var plans = LoadCommand.PlanAll(new LoadOptions { Recordings = [options.RecordingsDirectory] });
        var results = new List<IngestCost>();
        for (var run = 1; run <= options.IngestRuns; run++)
        {
            // Alternating which goes first, so a machine growing busier or quieter favours neither.
            foreach (var signals in run % 2 == 1 ? new[] { true, false } : [false, true])
            {
                results.Add(await MeasureAsync(options, plans, signals, cancellationToken));
                Progress.Log(FormattableString.Invariant(
                    $"run {run}, signals {(signals ? "on" : "off")}: {results[^1].EventsPerSecond:0} events/s, {results[^1].ServerCpuMicrosecondsPerEvent:0} µs of server CPU per event"));
            }
        }

        return results;
    }

    public static string Table(IReadOnlyList<IngestCost> results)
    {
        double MedianOf(bool signals, Func<IngestCost, double> figure) => Median.Of(results.Where(r => r.Signals == signals), figure);
        var (on, off) = (MedianOf(true, r => r.ServerCpuMicrosecondsPerEvent), MedianOf(false, r => r.ServerCpuMicrosecondsPerEvent));
        return string.Create(CultureInfo.InvariantCulture, $"""
            | ingest, {results.Count / 2} runs each, medians | signals on | signals off | on / off |
            |---|---:|---:|---:|
            | events/s (back to back) | {MedianOf(true, r => r.EventsPerSecond):#,0} | {MedianOf(false, r => r.EventsPerSecond):#,0} | {MedianOf(true, r => r.EventsPerSecond) / MedianOf(false, r => r.EventsPerSecond):0.00}x |
            | server CPU per event (µs) | {on:#,0} | {off:#,0} | {on / off:0.00}x |
            | every acknowledged event stored | {(results.All(r => r.Correct) ? "yes" : "NO")} | | |
            """);
    }

    private static async Task<IngestCost> MeasureAsync(SignalsBenchOptions options, IReadOnlyList<BatchPlan> plans, bool signals, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["SessionKit__Signals__Enabled"] = signals ? "true" : "false" };
        await using var server = await ServerHost.StartAsync(RepositoryPaths.ReleaseServerAssembly, environment, cancellationToken);
        var key = await IngestKeys.DefaultProjectKeyAsync(server.BaseAddress, server.AdminToken, cancellationToken);
        var load = new LoadOptions
        {
            Urls = [server.BaseAddress], Sessions = options.IngestSessions, Speed = double.PositiveInfinity, Loop = true,
            AdminToken = server.AdminToken, IngestKey = key, Ramp = TimeSpan.FromMilliseconds(500),
        };
        var phase = await IngestPhase.RunAsync(load, plans, key, server.ProcessId, TimeSpan.FromSeconds(3), options.IngestMeasure, cancellationToken);
        var verification = await StoredEventsVerifier.VerifyAsync(phase.Sessions, new NodeRouter([server.BaseAddress]), server.AdminToken, cancellationToken);
        var cpuPerEvent = phase.Resources.ServerCpuAverage / 100 / phase.EventsPerSecond * 1e6;
        return new IngestCost(signals, phase.EventsPerSecond, cpuPerEvent, verification.Passed && phase.GaveUp == 0 && phase.Fatal is null);
    }
}
