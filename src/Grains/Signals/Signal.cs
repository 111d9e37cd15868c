namespace SessionKit.Grains.Signals;

/// <summary>
/// One frustration signal of a session. <paramref name="Index"/> counts the session's signals from 0 in the
/// order the evaluator raised them, so a re-evaluation of the same stream names each one the same way.
/// <paramref name="At"/> is the recording's time (Unix ms) of the moment the signal describes.
/// </summary>
public sealed record Signal(
    int Index, string Type, long At, string? Url, SignalTarget? Target, SignalEvidence Evidence, string Explanation);

/// <summary>The element concerned: a readable CSS-like selector and its visible text as recorded (so masked like the recording).</summary>
public sealed record SignalTarget(string Selector, string? Text);

/// <summary>
/// What the signal was decided from. Only the fields that apply to its type are set; times are Unix ms of
/// the recording, distances CSS pixels.
/// </summary>
public sealed record SignalEvidence
{
    /// <summary>Clicks, direction changes, fields: what was counted.</summary>
    public int Count { get; init; }

    /// <summary>From the first to the last thing counted.</summary>
    public long SpanMs { get; init; }

    /// <summary>For a rage click: the largest distance of a click from the first one.</summary>
    public int? SpreadPx { get; init; }

    /// <summary>For a rage click: the clicks themselves.</summary>
    public IReadOnlyList<SignalPoint>? Clicks { get; init; }

    /// <summary>For an error click: the error's message (as the page reported it) and how long after the click it came.</summary>
    public string? ErrorMessage { get; init; }

    public long? DelayMs { get; init; }

    /// <summary>For a quick back: the page the visitor came from and returned to.</summary>
    public string? ReturnedTo { get; init; }

    /// <summary>For a form abandonment: the filled fields' selectors (never their values).</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}

public sealed record SignalPoint(long At, int X, int Y);
