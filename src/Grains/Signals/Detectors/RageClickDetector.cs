namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// Several clicks on one spot in quick succession: each within <c>RageClickMaxIntervalMs</c> of the previous one
/// and within <c>RageClickMaxRadiusPx</c> of the first. Raised once per run, as soon as the run is long enough,
/// so an agent hears of it while the visitor is still clicking.
/// </summary>
internal sealed class RageClickDetector : ISignalDetector
{
    /// <summary>Clicks of a run kept as evidence; a longer run is still one signal.</summary>
    private const int MaxKept = 20;

    private readonly List<SignalPoint> _run = [];
    private int _firstNodeId;
    private bool _raised;

    public void OnPage(long at, string url, string? previousUrl, SignalContext context) => _run.Clear();

    public void OnClick(long at, int nodeId, int? x, int? y, SignalContext context)
    {
        if (x is not { } cx || y is not { } cy)
        {
            _run.Clear();
            return;
        }

        var thresholds = context.Thresholds;
        var continues = _run.Count > 0
            && at >= _run[^1].At && at - _run[^1].At <= thresholds.RageClickMaxIntervalMs
            && Distance(_run[0], cx, cy) <= thresholds.RageClickMaxRadiusPx;
        if (!continues)
        {
            _run.Clear();
            _raised = false;
            _firstNodeId = nodeId;
        }

        if (_run.Count < MaxKept)
        {
            _run.Add(new SignalPoint(at, cx, cy));
        }

        if (!_raised && _run.Count >= thresholds.RageClickMinClicks)
        {
            _raised = true;
            var target = TargetDescriber.Describe(context.Nodes, _firstNodeId);
            var spanMs = _run[^1].At - _run[0].At;
            var spread = (int)Math.Ceiling(_run.Max(click => Distance(_run[0], click.X, click.Y)));
            context.Raise(
                SignalTypes.RageClick,
                _run[0].At,
                target,
                new SignalEvidence { Count = _run.Count, SpanMs = spanMs, SpreadPx = spread, Clicks = [.. _run] },
                $"{_run.Count} clicks within {spanMs} ms on {TargetDescriber.Label(target)}");
        }
    }

    private static double Distance(SignalPoint first, int x, int y) => Math.Sqrt(Math.Pow(x - first.X, 2) + Math.Pow(y - first.Y, 2));
}
