using System.ComponentModel.DataAnnotations;

namespace SessionKit.Grains.Signals;

/// <summary>Signal thresholds for every project, overridable per project (<c>SessionKit:Signals:Projects:{id}:...</c>).</summary>
public sealed class SignalOptions
{
    public const string SectionName = "SessionKit:Signals";

    /// <summary>False turns frustration signals off on this node: no evaluation, no signals, no alerts (the ingest cost without rules).</summary>
    public bool Enabled { get; set; } = true;

    public SignalThresholds Defaults { get; set; } = new();

    /// <summary>Thresholds of single projects, by project id; a setting left out keeps its documented default.</summary>
    public Dictionary<string, SignalThresholds> Projects { get; set; } = new(StringComparer.Ordinal);

    /// <summary>DOM nodes remembered per session to describe click targets; a page with more is described less well.</summary>
    [Range(100, 1_000_000)]
    public int MaxNodes { get; set; } = 20_000;

    /// <summary>Signals raised per session at most, so a stuck page cannot flood storage and alerts.</summary>
    [Range(1, 100_000)]
    public int MaxSignalsPerSession { get; set; } = 500;

    /// <summary>
    /// Sessions evaluated at the same moment on this node at most; 0 (the default): no limit, evaluations share the
    /// thread pool with everything else. A limit caps the cores evaluation takes, but a session whose evaluation
    /// waits for a permit holds its next batch behind it, so its answers wait for other sessions' evaluations: at
    /// 1,000 sessions on 2 cores one permit made the slowest acknowledgements (p99) 1.1 s, no limit 23-40 ms.
    /// </summary>
    [Range(0, 1024)]
    public int ConcurrentEvaluations { get; set; }

    public SignalThresholds For(string projectId) =>
        Projects.TryGetValue(projectId, out var thresholds) ? thresholds : Defaults;
}
