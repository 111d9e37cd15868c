namespace SessionKit.Bench.Replay;

/// <summary>One replay opened in one run (replay-first-frame.mjs); times in ms since navigation started.</summary>
internal sealed record ReplayRun(
    int Run, string SessionId, double FirstFrameMs, double DomMs, double IframeMs, double? DomContentLoadedMs,
    double? EventsRequestMs, double? EventsResponseEndMs, long? EventsBytes, long? EventsDecodedBytes, int FrameElements, bool? ExpectedFound);

/// <summary>A session the benchmark replays: what it is, and its runs.</summary>
internal sealed record ReplaySubject(string Label, string SessionId, int Events, long RawBytes, TimeSpan Span, IReadOnlyList<ReplayRun> Runs)
{
    public double Median(Func<ReplayRun, double> figure) => Measurement.Median.Of(Runs, figure);

    /// <summary>Every run showed the recorded page: a frame with the element the fixture's page has.</summary>
    public bool Correct => Runs.Count > 0 && Runs.All(r => r.FrameElements > 0 && r.ExpectedFound != false);
}
