using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Grains;

/// <summary>One configuration (K active grains) measured: memory per idle activation, then alternating runs.</summary>
internal sealed record GrainsResult(int Grains, double BytesPerGrain, double RssPerGrain, double BytesPerActor, double RssPerActor,
    IReadOnlyList<DriveResult> GrainRuns, IReadOnlyList<DriveResult> ChannelRuns, long CounterTotal, long MessagesSent)
{
    public double GrainMessagesPerSecond => Median.Of(GrainRuns, r => r.MessagesPerSecond);

    public double ChannelMessagesPerSecond => Median.Of(ChannelRuns, r => r.MessagesPerSecond);

    public double GrainMessagesPerCpuSecond => Median.Of(GrainRuns, r => r.MessagesPerCpuSecond);

    public double ChannelMessagesPerCpuSecond => Median.Of(ChannelRuns, r => r.MessagesPerCpuSecond);

    /// <summary>Grains' throughput as a share of the baseline's, the median of each run's ratio.</summary>
    public double Ratio => Median.Of(GrainRuns.Zip(ChannelRuns, (g, c) => g.MessagesPerSecond / c.MessagesPerSecond));

    /// <summary>Every message reached its grain exactly once: the counters add up to what was sent.</summary>
    public bool Correct => CounterTotal == MessagesSent;
}

/// <summary>
/// For K grains: a fresh runtime; K references taken; memory measured (full GC) before and after one
/// message activated each grain, which is then idle; likewise K channel actors. Then two warm-up runs of
/// each and <c>runs</c> pairs of runs, the grains and the baseline alternating so drift hits both alike.
/// </summary>
internal static class GrainsScenario
{
    private const int MinGrainsForMemory = 1_000;
    private const int WarmupRuns = 2;

    public static async Task<GrainsResult> RunAsync(int grains, long messages, int runs)
    {
        await using var host = await GrainHost.StartAsync();
        var references = Enumerable.Range(0, grains).Select(i => host.Grains.Get<IBenchCounterGrain>($"g{i}")).ToArray();
        var (heapBefore, rssBefore) = Memory();
        await MessageDriver.RunAsync(i => references[i].AddAsync(1), grains, grains);
        var (heapGrains, rssGrains) = Memory();
        Progress.Log($"{grains:#,0} grains active");

        var actors = new ChannelActors(grains, GrainHost.MailboxCapacity);
        await MessageDriver.RunAsync(i => actors.AddAsync(i, 1), grains, grains);
        var (heapActors, rssActors) = Memory();

        Task<int> Grain(int i) => references[i].AddAsync(1);
        Task<int> Actor(int i) => actors.AddAsync(i, 1);
        // Long enough for tiered compilation to finish its optimized code (its compiler thread shares the
        // pinned core): with a quarter of a run, the first measured runs were still partly unoptimized.
        var sent = (long)grains;
        for (var i = 0; i < WarmupRuns; i++)
        {
            await MessageDriver.RunAsync(Grain, grains, messages);
            await MessageDriver.RunAsync(Actor, grains, messages);
            sent += messages;
        }

        var (grainRuns, channelRuns) = (new List<DriveResult>(), new List<DriveResult>());
        for (var run = 1; run <= runs; run++)
        {
            grainRuns.Add(await MessageDriver.RunAsync(Grain, grains, messages));
            channelRuns.Add(await MessageDriver.RunAsync(Actor, grains, messages));
            sent += messages;
            Progress.Log(FormattableString.Invariant(
                $"{grains:#,0} grains, run {run}/{runs}: grains {grainRuns[^1].MessagesPerSecond:#,0}/s, channels {channelRuns[^1].MessagesPerSecond:#,0}/s"));
        }

        actors.Complete();
        var total = 0L;
        for (var i = 0; i < grains; i++)
        {
            total += await references[i].AddAsync(0);
        }

        // A few grains are lost in the noise of a heap of megabytes: no per-grain figure for them.
        double PerGrain(long bytes) => grains >= MinGrainsForMemory ? bytes / (double)grains : double.NaN;
        return new GrainsResult(grains, PerGrain(heapGrains - heapBefore), PerGrain(rssGrains - rssBefore),
            PerGrain(heapActors - heapGrains), PerGrain(rssActors - rssGrains), grainRuns, channelRuns, total, sent);
    }

    /// <summary>Live managed bytes after a full, compacting collection, and the process's resident memory.</summary>
    private static (long Heap, long Rss) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (heap, ProcFs.RssKiB(Environment.ProcessId) * 1024);
    }
}
