namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// Erratic back-and-forth mouse movement: at least <c>ThrashedCursorMinReversals</c> direction changes (left/right
/// or up/down, each after a swing of <c>ThrashedCursorMinSwingPx</c>) within <c>ThrashedCursorWindowMs</c>.
/// After a signal the count starts over, so one long fit of thrashing is raised once per window's worth.
/// </summary>
internal sealed class ThrashedCursorDetector : ISignalDetector
{
    private readonly SwingCounter _x = new();
    private readonly SwingCounter _y = new();

    public void OnPage(long at, string url, string? previousUrl, SignalContext context) => Reset();

    public void OnPointerMove(long at, int x, int y, int nodeId, SignalContext context)
    {
        var t = context.Thresholds;
        var turned = _x.Move(at, x, t.ThrashedCursorMinSwingPx, t.ThrashedCursorWindowMs, t.ThrashedCursorMinReversals);
        turned |= _y.Move(at, y, t.ThrashedCursorMinSwingPx, t.ThrashedCursorWindowMs, t.ThrashedCursorMinReversals);
        // Both axes' recent changes count together: a circling cursor turns on both.
        if (!turned || Recent(_x, at, t) + Recent(_y, at, t) < t.ThrashedCursorMinReversals)
        {
            return;
        }

        var count = Recent(_x, at, t) + Recent(_y, at, t);
        var first = Math.Min(_x.Count > 0 ? _x.FirstAt : at, _y.Count > 0 ? _y.FirstAt : at);
        var target = TargetDescriber.Describe(context.Nodes, nodeId);
        var over = target is null ? "" : $" over {TargetDescriber.Label(target)}";
        context.Raise(
            SignalTypes.ThrashedCursor,
            first,
            target,
            new SignalEvidence { Count = count, SpanMs = at - first },
            $"Mouse changed direction {count} times within {at - first} ms{over}");
        Reset();
    }

    private static int Recent(SwingCounter counter, long at, SignalThresholds t) =>
        counter.Count > 0 && at - counter.FirstAt <= t.ThrashedCursorWindowMs ? counter.Count : 0;

    private void Reset()
    {
        _x.Reset();
        _y.Reset();
    }
}
