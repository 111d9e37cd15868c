using System.ComponentModel.DataAnnotations;

namespace SessionKit.Api.Ingest;

public sealed class IngestOptions
{
    public const string SectionName = "SessionKit:Ingest";

    /// <summary>Largest request body accepted as sent (compressed or not).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body accepted after decompression; bounds gzip bombs.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxDecompressedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Ingest requests handled at once on this node. Each holds its body in memory (up to
    /// <see cref="MaxDecompressedBytes"/>), so this bounds ingest memory under a flood.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRequests { get; set; } = 512;

    /// <summary>Ingest requests waiting, body unread, for one of those places; beyond it a request answers 503.</summary>
    [Range(0, 1_000_000)]
    public int MaxQueuedRequests { get; set; } = 4096;

    /// <summary>How long a project looked up by ingest key is cached.</summary>
    public TimeSpan ProjectCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
