namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// A click on a link, button or button-like input after which nothing visible happens (no DOM change, scroll,
/// input, navigation) within <c>DeadClickWindowMs</c>. Repeated clicks on the same element while it is still
/// judged are one dead click (the rage click detector counts them). A click followed by an uncaught error is
/// an error click instead. Text fields are left out: clicking one only focuses it.
/// </summary>
internal sealed class DeadClickDetector : ISignalDetector
{
    /// <summary>Clicks judged at once; a visitor clicking more elements than this within the window is rare.</summary>
    private const int MaxPending = 8;

    private readonly List<Pending> _pending = [];

    public void OnTime(long at, SignalContext context)
    {
        for (var i = 0; i < _pending.Count;)
        {
            var click = _pending[i];
            if (at > click.LastAt + context.Thresholds.DeadClickWindowMs)
            {
                _pending.RemoveAt(i);
                Raise(click, context);
            }
            else
            {
                i++;
            }
        }
    }

    public void OnClick(long at, int nodeId, int? x, int? y, SignalContext context)
    {
        if (context.Nodes.Closest(nodeId, TargetDescriber.ClickableLevels, TargetDescriber.IsClickable) is not { } clicked
            || clicked.Node.Tag == "select" || clicked.Node.OpensElsewhere)
        {
            return;
        }

        var same = _pending.FindIndex(click => click.NodeId == clicked.Id);
        if (same >= 0)
        {
            _pending[same] = _pending[same] with { LastAt = Math.Max(at, _pending[same].LastAt), Count = _pending[same].Count + 1 };
            return;
        }

        if (_pending.Count == MaxPending)
        {
            _pending.RemoveAt(0);
        }

        _pending.Add(new Pending(clicked.Id, at, at, 1, TargetDescriber.Describe(context.Nodes, clicked.Id)));
    }

    public void OnPage(long at, string url, string? previousUrl, SignalContext context) => _pending.Clear();

    public void OnScroll(long at, int nodeId, int x, int y, SignalContext context) => Answered(at);

    public void OnDomChange(long at, SignalContext context) => Answered(at);

    public void OnInput(long at, int nodeId, SignalContext context) => Answered(at);

    public void OnError(long at, string message, SignalContext context) => Answered(at);

    /// <summary>Something happened: every click before it got an answer.</summary>
    private void Answered(long at) => _pending.RemoveAll(click => click.At <= at);

    private static void Raise(Pending click, SignalContext context)
    {
        var window = context.Thresholds.DeadClickWindowMs;
        var clicks = click.Count == 1 ? "Click" : $"{click.Count} clicks";
        context.Raise(
            SignalTypes.DeadClick,
            click.At,
            click.Target,
            new SignalEvidence { Count = click.Count, SpanMs = click.LastAt - click.At },
            $"{clicks} on {TargetDescriber.Label(click.Target)}: nothing changed on the page within {window} ms");
    }

    private sealed record Pending(int NodeId, long At, long LastAt, int Count, SignalTarget? Target);
}
