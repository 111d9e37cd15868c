using SessionKit.Silo.Storage;

namespace SessionKit.Api.Visitors;

/// <summary>One tab's session within a journey, on the journey's time axis (client Unix ms).</summary>
public sealed record JourneyLane(string SessionId, string? TabId, long StartMs, long EndMs);

/// <summary>While <see cref="SessionId"/>'s tab was the one in front.</summary>
public sealed record FrontInterval(string SessionId, string? TabId, long FromMs, long ToMs);

/// <summary>Sessions of one device that overlap or follow each other within <see cref="JourneyBuilder.Gap"/>.</summary>
public sealed record Journey(string VisitorId, long StartMs, long EndMs, IReadOnlyList<JourneyLane> Lanes, IReadOnlyList<FrontInterval> Front);

/// <summary>
/// Groups one device's sessions into journeys and works out which tab was in front at each moment from what
/// the tabs announced: the visible tab (opened or focused, not hidden or closed since) that was focused last.
/// A tab that announced nothing (an older SDK) counts as visible from its first event, so the newest tab wins.
/// </summary>
public static class JourneyBuilder
{
    /// <summary>Sessions this close after the journey's last event still continue it (a reload, a quick new tab).</summary>
    public static readonly long Gap = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    public static IReadOnlyList<Journey> Build(string visitorId, IEnumerable<SessionRecord> sessions, IReadOnlyList<TabActivity> activity)
    {
        var lanes = sessions
            .Where(session => session.FirstEventAt is not null)
            .Select(session => new JourneyLane(session.Id, session.TabId, session.FirstEventAt!.Value, session.LastEventAt ?? session.FirstEventAt!.Value))
            .OrderBy(lane => lane.StartMs).ThenBy(lane => lane.SessionId, StringComparer.Ordinal)
            .ToList();
        var journeys = new List<Journey>();
        var current = new List<JourneyLane>();
        foreach (var lane in lanes)
        {
            if (current.Count > 0 && lane.StartMs > current.Max(l => l.EndMs) + Gap)
            {
                journeys.Add(Close(visitorId, current, activity));
                current = [];
            }

            current.Add(lane);
        }

        if (current.Count > 0)
        {
            journeys.Add(Close(visitorId, current, activity));
        }

        return journeys;
    }

    private static Journey Close(string visitorId, List<JourneyLane> lanes, IReadOnlyList<TabActivity> activity)
    {
        var ids = lanes.Select(lane => lane.SessionId).ToHashSet(StringComparer.Ordinal);
        var announced = activity.Where(entry => ids.Contains(entry.SessionId)).OrderBy(entry => entry.AtMs).ToList();
        return new Journey(visitorId, lanes.Min(lane => lane.StartMs), lanes.Max(lane => lane.EndMs), lanes, FrontOf(lanes, announced));
    }

    private static List<FrontInterval> FrontOf(List<JourneyLane> lanes, List<TabActivity> announced)
    {
        var moments = lanes.SelectMany(lane => new[] { lane.StartMs, lane.EndMs })
            .Concat(announced.Select(entry => entry.AtMs))
            .Distinct().Order().ToList();
        var front = new List<FrontInterval>();
        for (var i = 0; i + 1 < moments.Count; i++)
        {
            var (from, to) = (moments[i], moments[i + 1]);
            if (InFront(lanes, announced, from) is not { } lane)
            {
                continue;
            }

            if (front.Count > 0 && front[^1].SessionId == lane.SessionId && front[^1].ToMs == from)
            {
                front[^1] = front[^1] with { ToMs = to };
            }
            else
            {
                front.Add(new FrontInterval(lane.SessionId, lane.TabId, from, to));
            }
        }

        return front;
    }

    private static JourneyLane? InFront(List<JourneyLane> lanes, List<TabActivity> announced, long at)
    {
        JourneyLane? best = null;
        var bestSince = long.MinValue;
        foreach (var lane in lanes.Where(lane => lane.StartMs <= at && at < lane.EndMs))
        {
            var own = announced.Where(entry => entry.SessionId == lane.SessionId).ToList();
            var last = own.LastOrDefault(entry => entry.AtMs <= at);
            long? visibleSince = last is null
                ? (own.Count == 0 || own[0].Kind is not (TabActivityKinds.Opened or TabActivityKinds.Focused) ? lane.StartMs : null)
                : last.Kind is TabActivityKinds.Opened or TabActivityKinds.Focused ? last.AtMs : null;
            if (visibleSince is { } since && since >= bestSince)
            {
                (best, bestSince) = (lane, since);
            }
        }

        return best;
    }
}
