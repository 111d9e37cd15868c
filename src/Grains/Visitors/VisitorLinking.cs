using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// Which person each session of one device belongs to, decided from the device's aliases alone, so the answer
/// does not depend on the order identifies arrived in:
/// a session in which an identify was made belongs to the last person identified in it; any other session
/// belongs to the person in effect when it started; sessions before the first identify belong to the first
/// person (the anonymous visits of whoever logged in first). A device identified as someone else later (a
/// shared computer) therefore keeps its earlier sessions with the earlier person.
/// </summary>
public static class VisitorLinking
{
    /// <param name="sessions">The device's sessions with their first event time (null before any event).</param>
    public static IReadOnlyDictionary<string, string?> Resolve(
        IReadOnlyList<VisitorAlias> aliases, IReadOnlyDictionary<string, long?> sessions)
    {
        var ordered = aliases.OrderBy(alias => alias.EffectiveFromMs).ThenBy(alias => alias.UserId, StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (sessionId, startedMs) in sessions)
        {
            result[sessionId] = ordered.Count == 0 ? null : PersonOf(ordered, sessionId, startedMs);
        }

        return result;
    }

    private static string PersonOf(List<VisitorAlias> ordered, string sessionId, long? startedMs)
    {
        if (ordered.LastOrDefault(alias => alias.SessionId == sessionId) is { } madeHere)
        {
            return madeHere.UserId;
        }

        if (startedMs is not { } start)
        {
            return ordered[^1].UserId;
        }

        return (ordered.LastOrDefault(alias => alias.EffectiveFromMs <= start) ?? ordered[0]).UserId;
    }
}
