using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// Which batch seqs a session has stored, in bounded memory: a floor below which every seq is
/// stored (or given up on), plus the seqs that arrived ahead of a gap.
/// </summary>
public static class SeqWindow
{
    public static bool Contains(SessionRecord session, long seq) =>
        seq <= session.SeqFloor || BinarySearch(session.SeqsAboveFloor, seq) >= 0;

    /// <summary>
    /// The session with <paramref name="seq"/> added, the floor raised over any gap it closed. The SDK
    /// may drop a batch for good (a 4xx, a lost unload request), leaving a gap that never fills; once
    /// more than <paramref name="maxAboveFloor"/> seqs wait above gaps, the oldest gap is given up:
    /// a batch for it arriving even later is acknowledged as a duplicate.
    /// </summary>
    public static SessionRecord Add(SessionRecord session, long seq, int maxAboveFloor)
    {
        var above = new List<long>(session.SeqsAboveFloor);
        var index = BinarySearch(above, seq);
        if (index < 0)
        {
            above.Insert(~index, seq);
        }

        var floor = session.SeqFloor;
        if (above.Count > maxAboveFloor)
        {
            floor = above[0] - 1;
        }

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
