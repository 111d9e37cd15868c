using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// Which batch seqs a session has stored, in bounded memory: a floor at and below which every seq is
/// stored, plus the seqs that arrived ahead of a gap. Memory is bounded by refusing, never by forgetting:
/// a seq that is not stored is never reported as stored.
/// </summary>
public static class SeqWindow
{
    public static bool Contains(SessionRecord session, long seq) =>
        seq <= session.SeqFloor || BinarySearch(session.SeqsAboveFloor, seq) >= 0;

    /// <summary>The lowest seq not stored: every batch above a gap waits for this one.</summary>
    public static long LowestMissing(SessionRecord session) => session.SeqFloor + 1;

    /// <summary>
    /// Whether <paramref name="seq"/> (not stored yet) may be stored now. The seq that closes the gap
    /// always may; one that would wait above the floor may only while fewer than
    /// <paramref name="maxAboveFloor"/> seqs wait there. The SDK sends in order with one batch in flight, so
    /// a gap stays open only when a batch was lost for good (dropped after a 4xx, or lost with a closing
    /// page); such a session takes <paramref name="maxAboveFloor"/> more batches, then is refused: the price
    /// of never acknowledging a batch that was not stored.
    /// </summary>
    public static bool HasRoomFor(SessionRecord session, long seq, int maxAboveFloor) =>
        seq == LowestMissing(session) || session.SeqsAboveFloor.Count < maxAboveFloor;

    /// <summary>
    /// The session with <paramref name="seq"/> added, the floor raised over any gap it closed. The caller
    /// checks <see cref="HasRoomFor"/> first.
    /// </summary>
    public static SessionRecord Add(SessionRecord session, long seq, int maxAboveFloor)
    {
        if (Contains(session, seq))
        {
            return session;
        }

        if (!HasRoomFor(session, seq, maxAboveFloor))
        {
            throw new InvalidOperationException(
                $"No room for seq {seq}: {maxAboveFloor} seqs already wait above the gap at {LowestMissing(session)}. Check HasRoomFor first.");
        }

        var above = new List<long>(session.SeqsAboveFloor);
        above.Insert(~BinarySearch(above, seq), seq);
        var floor = session.SeqFloor;
        var consumed = 0;
        while (consumed < above.Count && above[consumed] == floor + 1)
        {
            floor++;
            consumed++;
        }

        above.RemoveRange(0, consumed);
        return session with { SeqFloor = floor, SeqsAboveFloor = above };
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
