namespace SessionKit.Grains.Signals.Detectors;

/// <summary>An uncaught error (captured by the SDK) within <c>ErrorClickWindowMs</c> after a click; at most one per click.</summary>
internal sealed class ErrorClickDetector : ISignalDetector
{
    private const int MaxMessageLength = 200;

    private long _clickAt;
    private int _clickNodeId = -1;
    private SignalTarget? _target;
    private bool _blamed = true;

    public void OnClick(long at, int nodeId, int? x, int? y, SignalContext context)
    {
        _clickAt = at;
        _clickNodeId = nodeId;
        _target = TargetDescriber.Describe(context.Nodes, nodeId);
        _blamed = false;
    }

    public void OnPage(long at, string url, string? previousUrl, SignalContext context) => _blamed = true;

    public void OnError(long at, string message, SignalContext context)
    {
        var delay = at - _clickAt;
        if (_blamed || _clickNodeId < 0 || delay < 0 || delay > context.Thresholds.ErrorClickWindowMs)
        {
            return;
        }

        _blamed = true;
        var shown = message.Length <= MaxMessageLength ? message : message[..MaxMessageLength];
        context.Raise(
            SignalTypes.ErrorClick,
            _clickAt,
            _target,
            new SignalEvidence { Count = 1, SpanMs = delay, DelayMs = delay, ErrorMessage = shown },
            $"Click on {TargetDescriber.Label(_target)} was followed {delay} ms later by an error: {shown}");
    }
}
