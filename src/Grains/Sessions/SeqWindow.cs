using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>What a session knows of a batch seq.</summary>
public enum SeqState
{
    /// <summary>Never stored: store it.</summary>
    New,

    /// <summary>Stored: acknowledge it again, store nothing.</summary>
    Stored,

    /// <summary>Too old to tell (its gap was forgotten to bound memory): neither store nor acknowledge it.</summary>
    Unknown,
}

/// <summary>
/// Which batch seqs a session has stored, in bounded memory and without ever calling a seq stored that was
/// not: a floor at and below which every seq is stored except those in a few holes, plus the seqs that
/// arrived ahead of a gap. The SDK sends in order with one batch in flight, so a gap stays open only when a
/// batch was lost for good (dropped after a 4xx, or lost with a closing page). Once too many seqs wait above
/// a gap, the floor passes it and the gap becomes a hole: recording goes on, and a late batch for the hole
/// is still stored. Once there are too many holes, the oldest is forgotten and seqs that old become
/// <see cref="SeqState.Unknown"/>, which ingest refuses rather than acknowledges.
/// </summary>
public static class SeqWindow
{
    public static SeqState StateOf(SessionRecord session, long seq)
    {
        if (seq > session.SeqFloor)
        {
            return BinarySearch(session.SeqsAboveFloor, seq) >= 0 ? SeqState.Stored : SeqState.New;
        }

        if (HoleIndex(session.SeqHoles, seq) >= 0)
        {
            return SeqState.New;
        }

        return seq <= session.SeqUnknownThrough ? SeqState.Unknown : SeqState.Stored;
    }

    /// <summary>The session with <paramref name="seq"/> (a <see cref="SeqState.New"/> one) recorded as stored.</summary>
    public static SessionRecord Add(SessionRecord session, long seq, int maxAboveFloor, int maxHoles)
    {
        var state = StateOf(session, seq);
        if (state != SeqState.New)
        {
            throw new InvalidOperationException($"Seq {seq} is {state}, not new: only new seqs are added.");
        }

        return seq <= session.SeqFloor ? FillHole(session, seq) : AddAboveFloor(session, seq, maxAboveFloor, maxHoles);
    }

    private static SessionRecord FillHole(SessionRecord session, long seq)
    {
        var holes = new List<SeqRange>(session.SeqHoles);
        var index = HoleIndex(holes, seq);
        var hole = holes[index];
        holes.RemoveAt(index);
        if (seq < hole.Last)
        {
            holes.Insert(index, hole with { First = seq + 1 });
        }

        if (seq > hole.First)
        {
            holes.Insert(index, hole with { Last = seq - 1 });
        }

        return session with { SeqHoles = holes };
    }

    private static SessionRecord AddAboveFloor(SessionRecord session, long seq, int maxAboveFloor, int maxHoles)
    {
        var above = new List<long>(session.SeqsAboveFloor);
        above.Insert(~BinarySearch(above, seq), seq);
        var holes = new List<SeqRange>(session.SeqHoles);
        var unknownThrough = session.SeqUnknownThrough;
        var floor = RaiseFloor(session.SeqFloor, above);
        while (above.Count > maxAboveFloor)
        {
            // Give the lowest gap up: it becomes a hole, and the floor moves past it.
            holes.Add(new SeqRange(floor + 1, above[0] - 1));
            floor = RaiseFloor(above[0] - 1, above);
        }

        while (holes.Count > maxHoles)
        {
            unknownThrough = Math.Max(unknownThrough, holes[0].Last);
            holes.RemoveAt(0);
        }

        return session with { SeqFloor = floor, SeqsAboveFloor = above, SeqHoles = holes, SeqUnknownThrough = unknownThrough };
    }

    /// <summary>Moves the floor up over the seqs of <paramref name="above"/> that follow it without a gap, removing them.</summary>
    private static long RaiseFloor(long floor, List<long> above)
    {
        var consumed = 0;
        while (consumed < above.Count && above[consumed] == floor + 1)
        {
            floor++;
            consumed++;
        }

        above.RemoveRange(0, consumed);
        return floor;
    }

    private static int HoleIndex(IReadOnlyList<SeqRange> holes, long seq)
    {
        for (var i = 0; i < holes.Count; i++)
        {
            if (holes[i].Contains(seq))
            {
                return i;
            }
        }

        return -1;
    }

    private static int BinarySearch(IReadOnlyList<long> sorted, long value)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var comparison = sorted[mid].CompareTo(value);
            if (comparison == 0)
            {
                return mid;
            }

            if (comparison < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
