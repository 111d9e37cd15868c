using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Alerts;

/// <summary>Decides which rules new signals make fire: pure, so it is tested without storage.</summary>
public static class AlertRules
{
    /// <summary>
    /// The signal that satisfies the rule (the first matching one), or null with matched true for a score-only rule.
    /// A rule with a signal type needs a new signal of that type (on a page whose URL contains <c>UrlContains</c>);
    /// a rule with a minimum score needs the session's score above it; a rule with both needs both.
    /// </summary>
    public static (bool Matched, Signal? Signal) Match(AlertRuleRecord rule, IReadOnlyList<Signal> raised, int score)
    {
        if (!rule.Enabled || (rule.MinScore is { } min && score <= min))
        {
            return (false, null);
        }

        if (rule.SignalType is null)
        {
            return rule.MinScore is null ? (false, null) : (true, raised.Count > 0 ? raised[^1] : null);
        }

        var signal = raised.FirstOrDefault(candidate => candidate.Type == rule.SignalType
            && (string.IsNullOrEmpty(rule.UrlContains) || (candidate.Url?.Contains(rule.UrlContains, StringComparison.OrdinalIgnoreCase) ?? false)));
        return (signal is not null, signal);
    }
}
