namespace SessionKit.Grains.Signals;

/// <summary>
/// The 0-100 frustration score of a session and of each of its pages: the sum of the signals' weights, each
/// type counted at most <see cref="MaxCountedPerType"/> times, capped at 100 (docs/signals.md).
/// </summary>
public static class FrustrationScore
{
    public const int MaxCountedPerType = 3;

    public static readonly IReadOnlyDictionary<string, int> Weights = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [SignalTypes.RageClick] = 25,
        [SignalTypes.ErrorClick] = 20,
        [SignalTypes.FormAbandonment] = 15,
        [SignalTypes.DeadClick] = 10,
        [SignalTypes.QuickBack] = 10,
        [SignalTypes.ThrashedCursor] = 10,
        [SignalTypes.ExcessiveScroll] = 5,
    };

    public static int Of(IEnumerable<string> signalTypes) =>
        Math.Min(100, signalTypes
            .GroupBy(type => type, StringComparer.Ordinal)
            .Sum(group => Weights.GetValueOrDefault(group.Key) * Math.Min(group.Count(), MaxCountedPerType)));

    /// <summary>The session's score and each page's, pages in order of their first signal.</summary>
    public static SessionScore For(IReadOnlyList<Signal> signals) => new(
        Of(signals.Select(signal => signal.Type)),
        [.. signals.Select(signal => signal.Url ?? "").Distinct(StringComparer.Ordinal)
            .Select(url => new PageScore(url, Of(signals.Where(signal => (signal.Url ?? "") == url).Select(signal => signal.Type))))],
        [.. signals.Select(signal => signal.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}

public sealed record SessionScore(int Score, IReadOnlyList<PageScore> Pages, IReadOnlyList<string> Types);

public sealed record PageScore(string Url, int Score);
