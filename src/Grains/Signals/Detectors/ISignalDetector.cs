namespace SessionKit.Grains.Signals.Detectors;

/// <summary>
/// One signal's rule, fed what the evaluator read from each rrweb event, in stream order. Each method does a
/// bounded amount of work and a detector keeps a bounded amount of state, whatever the session's length.
/// </summary>
internal interface ISignalDetector
{
    /// <summary>Called first for every event: lets a detector settle what a time window decides.</summary>
    void OnTime(long at, SignalContext context)
    {
    }

    void OnPage(long at, string url, string? previousUrl, SignalContext context)
    {
    }

    /// <summary>A click; <paramref name="x"/>/<paramref name="y"/> are null in recordings that carry no coordinates.</summary>
    void OnClick(long at, int nodeId, int? x, int? y, SignalContext context)
    {
    }

    void OnPointerMove(long at, int x, int y, int nodeId, SignalContext context)
    {
    }

    void OnScroll(long at, int nodeId, int x, int y, SignalContext context)
    {
    }

    /// <summary>The DOM changed visibly (nodes, texts or attributes).</summary>
    void OnDomChange(long at, SignalContext context)
    {
    }

    void OnInput(long at, int nodeId, SignalContext context)
    {
    }

    void OnError(long at, string message, SignalContext context)
    {
    }
}
