using SessionKit.Bench.Load;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Ingest;

/// <summary>One load against one endpoint, measured in a window after its warm-up.</summary>
internal sealed record PhaseResult
{
    public static PhaseResult Empty { get; } = new();

    public double Seconds { get; init; } = double.NaN;

    public long Batches { get; init; }

    public long Events { get; init; }

    public long EventBytes { get; init; }

    public long WireBytes { get; init; }

    public LatencySummary Acks { get; init; } = LatencySummary.Empty;

    /// <summary>Acks of the batches under <see cref="LoadCounters.LargeBatchBytes"/>.</summary>
    public LatencySummary SmallAcks { get; init; } = LatencySummary.Empty;

    public long LargeBatches { get; init; }

    /// <summary>The share of acknowledged batches that were large: above 1 %, the p99 is theirs.</summary>
    public double LargeShare => Batches == 0 ? double.NaN : (double)LargeBatches / Batches;

    public LatencySummary SendDelays { get; init; } = LatencySummary.Empty;

    /// <summary>Failed attempts in the whole phase, warm-up and drain included, by kind.</summary>
    public IReadOnlyList<(string Kind, long Count)> Errors { get; init; } = [];

    public long GaveUp { get; init; }

    /// <summary>Sessions the phase ran (all of them, for the check of what was stored).</summary>
    public IReadOnlyList<LoadSession> Sessions { get; init; } = [];

    public string? Fatal { get; init; }

    public ResourceUsage Resources { get; init; } = ResourceUsage.Empty;

    public double EventsPerSecond => Events / Seconds;

    public double BatchesPerSecond => Batches / Seconds;

    /// <summary>Event JSON acknowledged per second, uncompressed, in MB (10^6 bytes).</summary>
    public double MegabytesPerSecond => EventBytes / Seconds / 1e6;

    public double WireMegabytesPerSecond => WireBytes / Seconds / 1e6;

    public long ErrorCount => Errors.Sum(e => e.Count);
}

/// <summary>
/// Runs the load generator for warm-up + measure and counts only what is acknowledged inside the
/// measure window, while sampling the server's CPU and memory; then lets batches in flight finish.
/// </summary>
internal static class IngestPhase
{
    /// <param name="window">Told when the measure window opens (true) and closes (false), to measure more beside it.</param>
    public static async Task<PhaseResult> RunAsync(
        LoadOptions load, IReadOnlyList<BatchPlan> plans, string? ingestKey, int serverPid, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken,
        Action<bool>? window = null)
    {
        var runner = new LoadRunner(load with { Duration = warmup + measure }, plans, ingestKey);
        var running = runner.RunAsync(cancellationToken);
        await using var sampler = new ProcessSampler(serverPid);
        await Task.Delay(warmup, cancellationToken);
        runner.Stats.OpenWindow();
        window?.Invoke(true);
        sampler.Start();
        await Task.Delay(measure, cancellationToken);
        var counted = runner.Stats.CloseWindow();
        window?.Invoke(false);
        var seconds = counted.Elapsed.TotalSeconds;
        var usage = await sampler.StopAsync();
        var result = await running;
        return new PhaseResult
        {
            Seconds = seconds,
            Batches = counted.Batches,
            Events = counted.Events,
            EventBytes = counted.EventBytes,
            WireBytes = counted.WireBytes,
            Acks = counted.Acks.Summarize(),
            SmallAcks = counted.SmallAcks.Summarize(),
            LargeBatches = counted.LargeBatches,
            SendDelays = counted.SendDelays.Summarize(),
            Errors = result.Stats.Total.ErrorKinds,
            GaveUp = result.Stats.Total.GaveUp,
            Sessions = result.Sessions,
            Fatal = result.Fatal,
            Resources = usage,
        };
    }
}
