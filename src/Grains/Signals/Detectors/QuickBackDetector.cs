namespace SessionKit.Grains.Signals.Detectors;

/// <summary>A U-turn: the visitor opens a page and, within <c>QuickBackMaxMs</c>, goes back to the page they came from.</summary>
internal sealed class QuickBackDetector : ISignalDetector
{
    /// <summary>The page the visitor was on before the current one, and when they reached the current one.</summary>
    private string? _cameFrom;
    private long _currentSince;

    public void OnPage(long at, string url, string? previousUrl, SignalContext context)
    {
        var stayed = at - _currentSince;
        if (previousUrl is not null && url == _cameFrom && stayed >= 0 && stayed <= context.Thresholds.QuickBackMaxMs)
        {
            context.Raise(
                SignalTypes.QuickBack,
                at,
                null,
                new SignalEvidence { Count = 1, SpanMs = stayed, ReturnedTo = url },
                $"Left {Path(previousUrl)} after {stayed} ms, back to {Path(url)}",
                previousUrl);
        }

        _cameFrom = previousUrl;
        _currentSince = at;
    }

    /// <summary>The part of a URL a person recognises a page by.</summary>
    private static string Path(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;
}
