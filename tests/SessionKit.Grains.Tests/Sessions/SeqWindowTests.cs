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
    public void TheLowestMissingSeqIsJustAboveTheFloor()
    {
        Assert.Equal(0, SeqWindow.LowestMissing(Empty));
        var session = SeqWindow.Add(SeqWindow.Add(SeqWindow.Add(Empty, 0, Max), 1, Max), 5, Max);
        Assert.Equal(2, SeqWindow.LowestMissing(session));
    }

    [Fact]
    public void OnceTheWindowIsFullASeqAboveTheGapHasNoRoomAndIsNeverReportedStored()
    {
        // Seq 1 was lost; Max later batches wait above the gap.
        var session = FullAboveGapAtOne();
        Assert.Equal(0, session.SeqFloor);
        Assert.Equal(Max, session.SeqsAboveFloor.Count);

        Assert.False(SeqWindow.HasRoomFor(session, Max + 2, Max));
        Assert.Throws<InvalidOperationException>(() => SeqWindow.Add(session, Max + 2, Max));
        Assert.False(SeqWindow.Contains(session, 1));
        Assert.False(SeqWindow.Contains(session, Max + 2));
    }

    [Fact]
    public void TheSeqThatClosesTheGapAlwaysHasRoomAndFreesTheWindow()
    {
        var session = FullAboveGapAtOne();
        Assert.True(SeqWindow.HasRoomFor(session, 1, Max));

        session = SeqWindow.Add(session, 1, Max);
        Assert.Equal(Max + 1, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
        Assert.True(SeqWindow.HasRoomFor(session, Max + 5, Max));
    }

    [Fact]
    public void WhileFullASeqFillingALaterGapHasNoRoomEither()
    {
        // Gaps at 1 and 3: filling 3 would still add a seq above the floor.
        var session = SeqWindow.Add(Empty, 0, Max);
        session = SeqWindow.Add(session, 2, Max);
        for (var seq = 4; session.SeqsAboveFloor.Count < Max; seq++)
        {
            session = SeqWindow.Add(session, seq, Max);
        }

        Assert.False(SeqWindow.HasRoomFor(session, 3, Max));
        session = SeqWindow.Add(session, 1, Max);
        Assert.Equal(2, session.SeqFloor);
        Assert.True(SeqWindow.HasRoomFor(session, 3, Max));
    }

    [Fact]
    public void AddingAStoredSeqToAFullWindowChangesNothing()
    {
        var session = FullAboveGapAtOne();
        Assert.Same(session, SeqWindow.Add(session, 5, Max));
        Assert.Same(session, SeqWindow.Add(session, 0, Max));
    }

    /// <summary>Seqs 0 and 2..Max+1 stored: floor 0, Max seqs waiting above the gap at 1.</summary>
    private static SessionRecord FullAboveGapAtOne()
    {
        var session = SeqWindow.Add(Empty, 0, Max);
        for (var seq = 2; seq <= Max + 1; seq++)
        {
            Assert.True(SeqWindow.HasRoomFor(session, seq, Max));
            session = SeqWindow.Add(session, seq, Max);
        }

        return session;
    }
}
