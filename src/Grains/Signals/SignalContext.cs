namespace SessionKit.Grains.Signals;

/// <summary>What detectors share while one stream is evaluated: the page, its nodes, the thresholds, and where signals go.</summary>
internal sealed class SignalContext(SignalThresholds thresholds, int maxNodes, int maxSignals)
{
    private List<Signal>? _raised;

    public SignalThresholds Thresholds { get; } = thresholds;

    public NodeMap Nodes { get; } = new(maxNodes);

    public string? Url { get; set; }

    public int RaisedCount { get; private set; }

    public void RaiseInto(List<Signal>? raised) => _raised = raised;

    public void Raise(string type, long at, SignalTarget? target, SignalEvidence evidence, string explanation, string? url = null)
    {
        if (RaisedCount >= maxSignals)
        {
            return;
        }

        _raised?.Add(new Signal(RaisedCount, type, at, url ?? Url, target, evidence, explanation));
        RaisedCount++;
    }
}
