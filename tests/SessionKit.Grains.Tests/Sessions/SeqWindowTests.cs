using SessionKit.Grains.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Sessions;

public sealed class SeqWindowTests
{
    private const int MaxAbove = 4;
    private const int MaxHoles = 2;

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
            Assert.Equal(SeqState.New, SeqWindow.StateOf(session, seq));
            session = Add(session, seq);
        }

        Assert.Equal(99, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
        Assert.Empty(session.SeqHoles);
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 42));
        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 100));
    }

    [Fact]
    public void GapKeepsLaterSeqsAboveTheFloorUntilFilled()
    {
        var session = Add(Empty, 0, 3, 2);
        Assert.Equal(0, session.SeqFloor);
        Assert.Equal([2L, 3], session.SeqsAboveFloor);
        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 1));
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 3));

        session = Add(session, 1);
        Assert.Equal(3, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
    }

    [Fact]
    public void OnlyNewSeqsCanBeAdded()
    {
        var session = Add(Empty, 5);
        Assert.Throws<InvalidOperationException>(() => Add(session, 5));
    }

    [Fact]
    public void TooManySeqsAboveAGapTurnItIntoAHoleAndRecordingGoesOn()
    {
        // Seq 1 was lost for good; MaxAbove + 1 later batches arrive.
        var session = Add(Empty, 0, 2, 3, 4, 5, 6);
        Assert.Equal(6, session.SeqFloor);
        Assert.Empty(session.SeqsAboveFloor);
        Assert.Equal([new SeqRange(1, 1)], session.SeqHoles);

        // Nothing unstored is ever called stored: the lost seq is still new, and stored if it comes late.
        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 1));
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 4));
        session = Add(session, 1);
        Assert.Empty(session.SeqHoles);
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 1));
    }

    [Fact]
    public void ALateSeqInsideAWideHoleSplitsIt()
    {
        var session = Add(Empty, 0, 10, 11, 12, 13, 14);
        Assert.Equal([new SeqRange(1, 9)], session.SeqHoles);

        session = Add(session, 5);
        Assert.Equal([new SeqRange(1, 4), new SeqRange(6, 9)], session.SeqHoles);
        session = Add(session, 1);
        session = Add(session, 9);
        Assert.Equal([new SeqRange(2, 4), new SeqRange(6, 8)], session.SeqHoles);
        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 3));
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 5));
    }

    [Fact]
    public void TheOldestHolesAreForgottenAndSeqsThatOldBecomeUnknown()
    {
        // Three lost seqs (1, 7, 13), each given up in turn; only MaxHoles holes are kept.
        var session = Add(Empty, 0, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18);
        Assert.Equal([new SeqRange(7, 7), new SeqRange(13, 13)], session.SeqHoles);
        Assert.Equal(1, session.SeqUnknownThrough);

        Assert.Equal(SeqState.Unknown, SeqWindow.StateOf(session, 1));
        Assert.Equal(SeqState.Unknown, SeqWindow.StateOf(session, 0)); // stored once, but no longer provably so
        Assert.Equal(SeqState.Stored, SeqWindow.StateOf(session, 2));
        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 7));
        Assert.Throws<InvalidOperationException>(() => Add(session, 1));
    }

    [Fact]
    public void MemoryStaysBoundedWhateverTheGaps()
    {
        var session = Empty;
        for (var seq = 0; seq < 10_000; seq += 2)
        {
            session = Add(session, seq);
            Assert.True(session.SeqsAboveFloor.Count <= MaxAbove);
            Assert.True(session.SeqHoles.Count <= MaxHoles);
        }

        Assert.Equal(SeqState.New, SeqWindow.StateOf(session, 9_997));
        Assert.Equal(SeqState.Unknown, SeqWindow.StateOf(session, 101));
    }

    private static SessionRecord Add(SessionRecord session, params long[] seqs) =>
        seqs.Aggregate(session, (current, seq) => SeqWindow.Add(current, seq, MaxAbove, MaxHoles));
}
