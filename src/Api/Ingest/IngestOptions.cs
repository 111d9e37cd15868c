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

    /// <summary>How long a project looked up by ingest key is cached.</summary>
    public TimeSpan ProjectCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
