using System.ComponentModel.DataAnnotations;

namespace SessionKit.Grains.Live;

public sealed class LiveOptions
{
    public const string SectionName = "SessionKit:Live";

    /// <summary>How often the SDK flushes while someone watches (told in ingest answers).</summary>
    [Range(20, 10_000)]
    public int FlushIntervalMs { get; set; } = 100;

    /// <summary>Most bytes of events kept for late joiners (the last full snapshot and all after it).</summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public int CatchUpMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A node's claim that it has viewers of a session lapses unless renewed within this time.</summary>
    public TimeSpan ViewerLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node renews its viewer leases; well inside <see cref="ViewerLeaseDuration"/>.</summary>
    public TimeSpan ViewerLeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shortest time between two SessionUpdated messages of one session.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Shortest time between two requests to the SDK for a new full snapshot.</summary>
    public TimeSpan SnapshotRequestInterval { get; set; } = TimeSpan.FromSeconds(5);
}
