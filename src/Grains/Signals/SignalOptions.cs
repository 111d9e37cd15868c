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
    /// Sessions evaluated at the same moment on this node at most; 0: half its processors (at least one). Evaluation
    /// runs after a batch is acknowledged, so under load it waits here rather than taking the cores ingest answers on.
    /// </summary>
    [Range(0, 1024)]
    public int ConcurrentEvaluations { get; set; }

    public int EffectiveConcurrentEvaluations =>
        ConcurrentEvaluations > 0 ? ConcurrentEvaluations : Math.Max(1, Environment.ProcessorCount / 2);

    public SignalThresholds For(string projectId) =>
        Projects.TryGetValue(projectId, out var thresholds) ? thresholds : Defaults;
}
