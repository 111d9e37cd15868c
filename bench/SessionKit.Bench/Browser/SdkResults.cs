using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Browser;

/// <summary>Gzipped bytes (level 9, as report-size.mjs measures) of what a page downloads.</summary>
internal sealed record SdkSizes(int SdkOnly, int Iife, int Esm, int RrwebRecorder, int SdkOnlyBudget, int BundleBudget);

/// <summary>One page visit of sdk-main-thread.mjs: the workload's window in one mode.</summary>
internal sealed record MainThreadRun(int Run, string Mode, double TaskMs, double ScriptMs, double LayoutMs, double StyleMs, int LongTasks, double LongTaskMs, double WorkloadMs, int Events);

/// <summary>Every run of the three modes, with the medians and the within-run ratios the report shows.</summary>
internal sealed record MainThreadResults(string Chromium, int Steps, IReadOnlyList<MainThreadRun> Runs, int BatchesReceived)
{
    public IEnumerable<MainThreadRun> Of(string mode) => Runs.Where(r => r.Mode == mode);

    public double Median(string mode, Func<MainThreadRun, double> figure) => Measurement.Median.Of(Of(mode), figure);

    /// <summary>Main-thread time with the SDK over with rrweb alone, the median of each run's ratio.</summary>
    public double SdkOverRrweb => Measurement.Median.Of(Pairs().Select(p => p.Sdk.TaskMs / p.Rrweb.TaskMs));

    /// <summary>What the SDK adds over no recording, as a multiple of what rrweb alone adds (median of each run's).</summary>
    public double AddedSdkOverAddedRrweb => Measurement.Median.Of(Pairs().Select(p => (p.Sdk.TaskMs - p.None.TaskMs) / (p.Rrweb.TaskMs - p.None.TaskMs)));

    public double Added(string mode) => Measurement.Median.Of(Pairs().Select(p => (mode == "sdk" ? p.Sdk : p.Rrweb).TaskMs - p.None.TaskMs));

    /// <summary>The SDK sent what it recorded, and it recorded about what rrweb alone records.</summary>
    public bool Correct => BatchesReceived > 0 && Of("sdk").Any() && Of("sdk").All(r => r.Events > 0) && Of("rrweb").All(r => r.Events > 0);

    private IEnumerable<(MainThreadRun None, MainThreadRun Rrweb, MainThreadRun Sdk)> Pairs() =>
        Runs.GroupBy(r => r.Run).Select(g => (g.Single(r => r.Mode == "none"), g.Single(r => r.Mode == "rrweb"), g.Single(r => r.Mode == "sdk")));
}
