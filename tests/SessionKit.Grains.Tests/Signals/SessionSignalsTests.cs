using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Signals;
using SessionKit.Grains.Tests.Support;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Grains.Tests.Signals;

public sealed class SessionSignalsTests
{
    private const long T = 1_732_183_200_000;

    [Theory]
    [MemberData(nameof(Recordings.All), MemberType = typeof(Recordings))]
    public async Task LiveAndStoredEvaluationOfARecordingGiveTheSameSignals(string recording)
    {
        // Small chunks: the stored stream is many br+blobs chunks and pending batches, not one piece.
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Sessions:ChunkTargetBytes"] = "65536" });
        var id = "recording-" + Guid.NewGuid().ToString("N");
        var grain = await StartedAsync(host, id);
        var seq = 0;
        foreach (var batch in Recordings.Batch(Recordings.Load(recording), maxEvents: 7))
        {
            Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(seq++, [.. batch.Select(e => e!.ToJsonString())]))).Outcome);
        }

        var live = await host.Service<ISignalStore>().ListSignalsAsync(id, CancellationToken.None);
        var stored = await StoredEvaluation.EvaluateAsync(host.Store, id, new SignalEvaluator(new SignalThresholds()), CancellationToken.None);

        Assert.Equal(Comparable(stored.Select(signal => SessionSignals.ToRecord(Session(id), signal))), Comparable(live));
    }

    [Fact]
    public async Task SignalsSurviveDeactivationAndAreStoredOnceWithTheirScore()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?>
        {
            ["SessionKit:Grains:IdleTimeout"] = "00:00:00.200",
            ["SessionKit:Grains:IdleScanInterval"] = "00:00:00.050",
        });
        var id = "signals-" + Guid.NewGuid().ToString("N");
        var grain = await StartedAsync(host, id);
        // A rage click whose third click comes after the grain left memory, then a dead click decided after that.
        var stream = new EventStream().Load(T).Click(T + 1000).Click(T + 1200).Click(T + 1400).Later(T + 5000).Load(T + 6000, EventStream.Help);
        var events = stream.Events;

        await grain.AppendAsync(Batch(0, [.. events.Take(4)]));
        await GrainHost.EventuallyAsync(() => Task.FromResult(host.Diagnostics.ActivationCount == 0), "the idle grain deactivated");
        await grain.AppendAsync(Batch(1, [events[4]]));
        await grain.AppendAsync(Batch(2, [.. events.Skip(5)]));
        await GrainHost.EventuallyAsync(() => Task.FromResult(host.Diagnostics.ActivationCount == 0), "the idle grain deactivated again");
        await grain.AppendAsync(Batch(3, [new EventStream().Later(T + 9000).Events[0]]));

        var signals = await host.Service<ISignalStore>().ListSignalsAsync(id, CancellationToken.None);
        Assert.Equal([SignalTypes.RageClick, SignalTypes.DeadClick], signals.Select(signal => signal.Type));
        Assert.Equal([0, 1], signals.Select(signal => signal.Index));
        Assert.Equal(Comparable(stream.Evaluate().Select(signal => SessionSignals.ToRecord(Session(id), signal))), Comparable(signals));
        var score = await host.Service<ISignalStore>().GetScoreAsync(id, CancellationToken.None);
        Assert.Equal(35, score!.Score);
        Assert.Equal([SignalTypes.DeadClick, SignalTypes.RageClick], score.Types);
        Assert.Equal([new PageScoreRecord(EventStream.Shop, 35)], score.Pages);
    }

    [Fact]
    public async Task AProjectsOwnThresholdsApply()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Signals:Projects:p1:RageClickMinClicks"] = "4" });
        var id = "thresholds-" + Guid.NewGuid().ToString("N");
        var grain = await StartedAsync(host, id);

        await grain.AppendAsync(Batch(0, [.. new EventStream().Load(T).Clicks(T + 1000, 3, 100).Events]));
        await grain.AppendAsync(Batch(1, [.. new EventStream().Click(T + 1300).Events]));

        // Signals are evaluated after the answer. Three clicks (the default threshold) raised nothing: the one
        // rage click is the run of four.
        var signals = host.Service<ISignalStore>();
        await GrainHost.EventuallyAsync(
            async () => (await signals.ListSignalsAsync(id, CancellationToken.None)).Any(s => s.Type == SignalTypes.RageClick), "a rage click is stored");
        var rage = Assert.Single(await signals.ListSignalsAsync(id, CancellationToken.None), s => s.Type == SignalTypes.RageClick);
        Assert.Contains("\"count\":4", rage.EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchIsAnsweredWithoutWaitingForItsSignalsWhichFollowOnceAnEvaluationPermitIsFree()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Signals:ConcurrentEvaluations"] = "1" });
        var evaluations = host.Service<SignalServices>().Evaluations!;
        var signals = host.Service<ISignalStore>();
        var id = "deferred-" + Guid.NewGuid().ToString("N");
        var grain = await StartedAsync(host, id);
        // The node's only permit is taken: no session can be evaluated until it is given back.
        await evaluations.WaitAsync();

        var outcome = await grain.AppendAsync(Batch(0, [.. new EventStream().Load(T).Clicks(T + 1000, 5, 100).Events]));
        await Task.Delay(100);
        var whileHeld = await signals.ListSignalsAsync(id, CancellationToken.None);
        evaluations.Release();

        Assert.Equal(AppendBatchOutcome.Stored, outcome.Outcome);
        Assert.Empty(whileHeld);
        await GrainHost.EventuallyAsync(
            async () => (await signals.ListSignalsAsync(id, CancellationToken.None)).Any(s => s.Type == SignalTypes.RageClick), "the rage click is stored");
    }

    [Fact]
    public async Task EvaluationsAreNotLimitedUnlessANodeAsksForIt()
    {
        // A permit a session waits for holds its next batch behind other sessions' evaluations.
        await using var host = await GrainHost.StartAsync();

        Assert.Null(host.Service<SignalServices>().Evaluations);
    }

    [Fact]
    public async Task SignalsTurnedOffEvaluateNothingAndStoreEveryBatch()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Signals:Enabled"] = "false" });
        var id = "off-" + Guid.NewGuid().ToString("N");
        var grain = await StartedAsync(host, id);

        var outcome = await grain.AppendAsync(Batch(0, [.. new EventStream().Load(T).Clicks(T + 1000, 5, 100).Events]));

        Assert.Equal(AppendBatchOutcome.Stored, outcome.Outcome);
        Assert.Empty(await host.Service<ISignalStore>().ListSignalsAsync(id, CancellationToken.None));
        Assert.Null(await host.Service<ISignalStore>().GetScoreAsync(id, CancellationToken.None));
    }

    [Fact]
    public void ALiveSignalSurvivesTheClusterBussJsonRoundTrip()
    {
        var signal = new EventStream().Load(T).Clicks(T + 1000, 3, 100).Evaluate()[0];
        var message = new LiveSignalRaised("s", "p", 35, signal);

        var back = (LiveSignalRaised)System.Text.Json.JsonSerializer.Deserialize(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, typeof(LiveSignalRaised)), typeof(LiveSignalRaised))!;

        Assert.Equal(SignalJson.Of([signal]), SignalJson.Of([back.Signal]));
        Assert.Equal(("s", "p", 35), (back.SessionId, back.ProjectId, back.Score));
    }

    private static SessionRecord Session(string id) => new() { Id = id, ProjectId = "p1", StartedAt = default, LastActivityAt = default };

    private static List<string> Comparable(IEnumerable<SignalRecord> signals) =>
        [.. signals.Select(signal => $"{signal with { EvidenceJson = "" }} {JsonNode.Parse(signal.EvidenceJson)!.ToJsonString()}")];

    private static async Task<ISessionGrain> StartedAsync(GrainHost host, string id)
    {
        var grain = host.Grains.Get<ISessionGrain>(id);
        await grain.StartAsync(new StartSession("p1", "v", "t", EventStream.Shop, null, "ua", 800, 600, DateTimeOffset.UnixEpoch));
        return grain;
    }

    private static AppendBatch Batch(long seq, IReadOnlyList<string> events) =>
        new("p1", seq, events.Count, Encoding.UTF8.GetBytes(string.Join(',', events)), [], null, null);
}
