namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// Scrolling up and down through the same region: at least <c>ExcessiveScrollMinReversals</c> direction changes
/// of one scrolled element (or the page), each after <c>ExcessiveScrollMinSwingPx</c>, within
/// <c>ExcessiveScrollWindowMs</c>. Scrolling another element starts over.
/// </summary>
internal sealed class ExcessiveScrollDetector : ISignalDetector
{
    private readonly SwingCounter _y = new();
    private int _nodeId = int.MinValue;

    public void OnPage(long at, string url, string? previousUrl, SignalContext context) => _y.Reset();

    public void OnScroll(long at, int nodeId, int x, int y, SignalContext context)
    {
        if (nodeId != _nodeId)
        {
            _y.Reset();
            _nodeId = nodeId;
        }

        var t = context.Thresholds;
        if (!_y.Move(at, y, t.ExcessiveScrollMinSwingPx, t.ExcessiveScrollWindowMs, t.ExcessiveScrollMinReversals)
            || _y.Count < t.ExcessiveScrollMinReversals)
        {
            return;
        }

        var first = _y.FirstAt;
        var target = context.Nodes.Get(nodeId) is { IsElement: true } ? TargetDescriber.Describe(context.Nodes, nodeId) : null;
        var where = target is null ? "the page" : TargetDescriber.Label(target);
        context.Raise(
            SignalTypes.ExcessiveScroll,
            first,
            target,
            new SignalEvidence { Count = _y.Count, SpanMs = at - first },
            $"Scrolled {where} up and down {_y.Count} times within {at - first} ms");
        _y.Reset();
    }
}
