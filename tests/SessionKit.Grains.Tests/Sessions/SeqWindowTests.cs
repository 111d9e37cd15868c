using SessionKit.Grains.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Sessions;

public sealed class SeqWindowTests
{
    private const int Max = 16;

    private static readonly SessionRecord Empty = new()
    {
        Id = "s",
        ProjectId = "p",
        StartedAt = DateTimeOffset.UnixEpoch,
        LastActivityAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void InOrderSeqsOnlyRaiseTheFloor()
    {
        var session = Empty;
        for (var seq = 0; seq < 100; seq++)
        {
            Assert.False(SeqWindow.Contains(session, seq));
            session = SeqWindow.Add(session, seq, Max);
        }

        Assert.Equal(99, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
        Assert.True(SeqWindow.Contains(session, 42));
        Assert.False(SeqWindow.Contains(session, 100));
    }

    [Fact]
    public void GapKeepsLaterSeqsAboveTheFloorUntilFilled()
    {
        var session = SeqWindow.Add(SeqWindow.Add(SeqWindow.Add(Empty, 0, Max), 3, Max), 2, Max);
        Assert.Equal(0, session.SeqFloor);
        Assert.Equal([2L, 3], session.SeqsAboveFloor);
        Assert.False(SeqWindow.Contains(session, 1));
        Assert.True(SeqWindow.Contains(session, 3));

        session = SeqWindow.Add(session, 1, Max);
        Assert.Equal(3, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
    }

    [Fact]
    public void AddingAKnownSeqChangesNothing()
    {
        var session = SeqWindow.Add(SeqWindow.Add(Empty, 5, Max), 5, Max);
        Assert.Equal([5L], session.SeqsAboveFloor);
        Assert.Equal(-1, session.SeqFloor);
    }

    [Fact]
    public void APermanentGapIsGivenUpOnceTooManySeqsWaitAboveIt()
    {
        // Seq 1 was dropped by the SDK for good; every later batch waits above the gap.
        var session = SeqWindow.Add(Empty, 0, Max);
        for (var seq = 2; seq <= Max + 2; seq++)
        {
            session = SeqWindow.Add(session, seq, Max);
            Assert.True(session.SeqsAboveFloor.Count <= Max);
        }

        Assert.Equal(Max + 2, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
        Assert.True(SeqWindow.Contains(session, 1));
    }
}
