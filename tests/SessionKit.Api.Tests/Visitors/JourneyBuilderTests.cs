using SessionKit.Api.Visitors;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Tests.Visitors;

public sealed class JourneyBuilderTests
{
    [Fact]
    public void SessionsApartByMoreThanTheGapAreSeparateJourneys()
    {
        var journeys = JourneyBuilder.Build("v", [Session("a", 0, 1_000), Session("b", 500, 2_000), Session("c", 2_000 + JourneyBuilder.Gap + 1, 9_999_999)], []);

        Assert.Equal([["a", "b"], ["c"]], journeys.Select(journey => journey.Lanes.Select(lane => lane.SessionId).ToArray()));
        Assert.Equal((0L, 2_000L), (journeys[0].StartMs, journeys[0].EndMs));
    }

    [Fact]
    public void WithoutAnnouncementsTheNewestTabIsInFront()
    {
        var journey = Assert.Single(JourneyBuilder.Build("v", [Session("a", 0, 3_000), Session("b", 1_000, 2_000)], []));

        Assert.Equal([("a", 0L, 1_000L), ("b", 1_000L, 2_000L), ("a", 2_000L, 3_000L)], Front(journey));
    }

    [Fact]
    public void TheTabFocusedLastWhileVisibleIsInFrontAndAllHiddenIsNoFront()
    {
        var activity = new[]
        {
            Tab("a", 0, TabActivityKinds.Opened), Tab("b", 1_000, TabActivityKinds.Opened), Tab("a", 1_000, TabActivityKinds.Hidden),
            Tab("a", 2_000, TabActivityKinds.Focused), Tab("b", 2_000, TabActivityKinds.Hidden),
            Tab("a", 3_000, TabActivityKinds.Hidden), Tab("a", 4_000, TabActivityKinds.Focused),
        };

        var journey = Assert.Single(JourneyBuilder.Build("v", [Session("a", 0, 5_000), Session("b", 1_000, 5_000)], activity));

        Assert.Equal([("a", 0L, 1_000L), ("b", 1_000L, 2_000L), ("a", 2_000L, 3_000L), ("a", 4_000L, 5_000L)], Front(journey));
    }

    [Fact]
    public void SessionsWithoutEventsAreNotOnTheTimeline()
    {
        Assert.Empty(JourneyBuilder.Build("v", [new SessionRecord { Id = "empty", ProjectId = "p", StartedAt = DateTimeOffset.UnixEpoch, LastActivityAt = DateTimeOffset.UnixEpoch }], []));
    }

    private static (string, long, long)[] Front(Journey journey) =>
        [.. journey.Front.Select(interval => (interval.SessionId, interval.FromMs, interval.ToMs))];

    private static SessionRecord Session(string id, long first, long last) => new()
    {
        Id = id,
        ProjectId = "p",
        TabId = "t-" + id,
        StartedAt = DateTimeOffset.UnixEpoch,
        LastActivityAt = DateTimeOffset.UnixEpoch,
        FirstEventAt = first,
        LastEventAt = last,
    };

    private static TabActivity Tab(string sessionId, long at, string kind) => new(sessionId, "p", "v", "t-" + sessionId, at, kind);
}
