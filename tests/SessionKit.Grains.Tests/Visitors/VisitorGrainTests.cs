using System.Text;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Tests.Support;
using SessionKit.Grains.Visitors;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Visitors;

/// <summary>Linking through the real session, visitor and person grains, on SQLite.</summary>
public sealed class VisitorGrainTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _projectId = "p" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AnIdentifyLinksTheDevicesEarlierAnonymousSessionsAndStoresTheTraits()
    {
        await using var host = await GrainHost.StartAsync();
        var device = NewId("v");
        var anonymous = await RecordAsync(host, device, 1_000);
        var identified = await RecordAsync(host, device, 2_000, Identify("ada", 2_100, """{"plan":"pro"}"""));

        Assert.Equal(Sorted(anonymous, identified), await SessionsOfAsync(host, "ada"));
        var person = await host.Service<IPersonStore>().GetPersonAsync(_projectId, "ada", Ct);
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "pro" }, person!.Traits);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoDevicesIdentifyingAsOnePersonInEitherOrderAndRepeatedlyMakeOnePerson(bool phoneFirst)
    {
        await using var host = await GrainHost.StartAsync();
        var (laptop, phone) = (NewId("v"), NewId("v"));
        var sessions = new List<string>();
        async Task LaptopAsync()
        {
            sessions.Add(await RecordAsync(host, laptop, 1_000));
            sessions.Add(await RecordAsync(host, laptop, 5_000, Identify("ada", 5_100, """{"plan":"free"}""")));
        }

        async Task PhoneAsync()
        {
            sessions.Add(await RecordAsync(host, phone, 3_000, Identify("ada", 3_100, """{"plan":"pro","os":"ios"}"""), Identify("ada", 3_200, "{}")));
        }

        if (phoneFirst)
        {
            await PhoneAsync();
            await LaptopAsync();
        }
        else
        {
            await LaptopAsync();
            await PhoneAsync();
        }

        Assert.Equal(Sorted([.. sessions]), await SessionsOfAsync(host, "ada"));
        Assert.Equal(Sorted(laptop, phone), await host.Service<IVisitorAliasStore>().ListVisitorsOfPersonAsync(_projectId, "ada", Ct));
        // The latest identify (by client time) wins for the traits it names, whichever arrived last.
        var person = await host.Service<IPersonStore>().GetPersonAsync(_projectId, "ada", Ct);
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "free", ["os"] = "ios" }, person!.Traits);
    }

    [Fact]
    public async Task ASecondPersonOnASharedDeviceTakesOnlyTheSessionsFromItsIdentifyOn()
    {
        await using var host = await GrainHost.StartAsync();
        var device = NewId("v");
        var ada = await RecordAsync(host, device, 1_000, Identify("ada", 1_100, "{}"));
        var adaLater = await RecordAsync(host, device, 2_000);
        var grace = await RecordAsync(host, device, 3_000, Identify("grace", 3_100, "{}"));
        var graceLater = await RecordAsync(host, device, 4_000);

        Assert.Equal(Sorted(ada, adaLater), await SessionsOfAsync(host, "ada"));
        Assert.Equal(Sorted(grace, graceLater), await SessionsOfAsync(host, "grace"));
    }

    [Fact]
    public async Task ASessionWhoseFirstBatchIsEmptyIsPlacedByItsFirstEvents()
    {
        await using var host = await GrainHost.StartAsync();
        var device = NewId("v");
        var ada = await RecordAsync(host, device, 500, Identify("ada", 600, "{}"));
        var heartbeatFirst = NewId("s");
        var grain = host.Grains.Get<ISessionGrain>(heartbeatFirst);
        await grain.StartAsync(new StartSession(_projectId, device, "tab", null, null, null, null, null, DateTimeOffset.UnixEpoch));
        await grain.AppendAsync(new AppendBatch(_projectId, 0, 0, ReadOnlyMemory<byte>.Empty, [], null, null));
        await grain.AppendAsync(Batch(1, 3_000));
        var grace = await RecordAsync(host, device, 4_900, Identify("grace", 5_000, "{}"));

        // It started at 3 s, while ada was the one identified: hers, not the latest person's.
        Assert.Equal(Sorted(ada, heartbeatFirst), await SessionsOfAsync(host, "ada"));
        Assert.Equal([grace], await SessionsOfAsync(host, "grace"));
    }

    [Fact]
    public async Task ASessionWithoutVisitorIdIsLinkedByIdentifyAlone()
    {
        await using var host = await GrainHost.StartAsync();
        var anonymous = await RecordAsync(host, null, 1_000);
        var identified = await RecordAsync(host, null, 2_000, Identify("ada", 2_100, "{}"));

        Assert.Equal([identified], await SessionsOfAsync(host, "ada"));
        Assert.Empty(await host.Service<ISessionLinkStore>().ListLinksOfVisitorAsync(_projectId, IdentityKeys.VisitorIdOf(anonymous, null), Ct));
    }

    [Fact]
    public async Task PrivateTraitsOfTheProjectAreNotStored()
    {
        await using var host = await GrainHost.StartAsync();
        await host.Service<IProjectStore>().TryCreateProjectAsync(
            new ProjectRecord(_projectId, "Shop", NewId("key"), [], DateTimeOffset.UnixEpoch) { PrivateTraits = ["Email"] }, Ct);

        await RecordAsync(host, NewId("v"), 1_000, Identify("ada", 1_100, """{"email":"ada@example.com","plan":"pro"}"""));

        var person = await host.Service<IPersonStore>().GetPersonAsync(_projectId, "ada", Ct);
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "pro" }, person!.Traits);
    }

    [Fact]
    public async Task TabAnnouncementsAreStoredForTheDevice()
    {
        await using var host = await GrainHost.StartAsync();
        var device = NewId("v");
        var session = await RecordAsync(host, device, 1_000, Tab("opened", 1_000), Tab("hidden", 1_500));

        var activity = await host.Service<ITabActivityStore>().ListOfVisitorAsync(_projectId, device, Ct);

        Assert.Equal(["opened", "hidden"], activity.Select(entry => entry.Kind));
        Assert.All(activity, entry => Assert.Equal((session, "tab-" + session), (entry.SessionId, entry.TabId)));
    }

    [Fact]
    public async Task ForgettingAPersonErasesItsSessionsForGoodAndKeepsTheOtherPersons()
    {
        await using var host = await GrainHost.StartAsync();
        var device = NewId("v");
        var ada = await RecordAsync(host, device, 1_000, Identify("ada", 1_100, "{}"));
        var grace = await RecordAsync(host, device, 3_000, Identify("grace", 3_100, "{}"));

        var erased = await host.Grains.Get<IVisitorGrain>(IdentityKeys.Visitor(_projectId, device)).ForgetPersonAsync("ada");
        await host.Grains.Get<IPersonGrain>(IdentityKeys.Person(_projectId, "ada")).EraseAsync();

        Assert.Equal([ada], erased);
        Assert.Null(await host.Store.GetSessionAsync(ada, Ct));
        Assert.Empty(await SessionsOfAsync(host, "ada"));
        Assert.Null(await host.Service<IPersonStore>().GetPersonAsync(_projectId, "ada", Ct));
        Assert.Equal([grace], await SessionsOfAsync(host, "grace"));

        // The erased session's grain is still active: a late batch, identify included, stores nothing.
        var late = await host.Grains.Get<ISessionGrain>(ada).AppendAsync(Batch(2, 1_200, Identify("ada", 1_200, "{}")));
        Assert.Equal(AppendBatchOutcome.UnknownSession, late.Outcome);
        Assert.Null(await host.Store.GetSessionAsync(ada, Ct));
        Assert.Empty(await host.Service<IVisitorAliasStore>().ListVisitorsOfPersonAsync(_projectId, "ada", Ct));
    }

    private async Task<string> RecordAsync(GrainHost host, string? visitorId, long startMs, params string[] events)
    {
        var sessionId = NewId("s");
        var grain = host.Grains.Get<ISessionGrain>(sessionId);
        await grain.StartAsync(new StartSession(_projectId, visitorId, "tab-" + sessionId, null, null, null, null, null, DateTimeOffset.FromUnixTimeMilliseconds(startMs)));
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(0, startMs))).Outcome);
        if (events.Length > 0)
        {
            Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(1, startMs, events))).Outcome);
        }

        return sessionId;
    }

    private AppendBatch Batch(long seq, long atMs, params string[] events)
    {
        var all = events.Prepend($$$"""{"type":3,"timestamp":{{{atMs}}},"data":{}}""").ToList();
        return new AppendBatch(_projectId, seq, all.Count, Encoding.UTF8.GetBytes(string.Join(',', all)), [], atMs, atMs + 500);
    }

    private static string Identify(string userId, long atMs, string traits) =>
        "{\"type\":5,\"timestamp\":" + atMs + ",\"data\":{\"tag\":\"sessionkit/identify\",\"payload\":{\"userId\":\"" + userId + "\",\"traits\":" + traits + "}}}";

    private static string Tab(string kind, long atMs) =>
        "{\"type\":5,\"timestamp\":" + atMs + ",\"data\":{\"tag\":\"sessionkit/tab\",\"payload\":{\"kind\":\"" + kind + "\"}}}";

    private async Task<IReadOnlyList<string>> SessionsOfAsync(GrainHost host, string userId) =>
        Sorted([.. (await host.Service<ISessionLinkStore>().ListLinksOfPersonAsync(_projectId, userId, Ct)).Select(link => link.SessionId)]);

    private static IReadOnlyList<string> Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";
}
