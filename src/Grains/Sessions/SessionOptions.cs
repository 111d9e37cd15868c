using System.ComponentModel.DataAnnotations;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

public sealed class SessionOptions
{
    public const string SectionName = "SessionKit:Sessions";

    /// <summary>A session with no batch for this long is ended.</summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often ended-by-inactivity sessions are looked for.</summary>
    public TimeSpan InactivityScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Buffered uncompressed event bytes that trigger writing a compressed chunk.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int ChunkTargetBytes { get; set; } = 1024 * 1024;

    /// <summary>Buffered events older than this are written as a chunk even if the chunk is small.</summary>
    public TimeSpan ChunkFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes of compressed large strings (style sheets, fonts) the node keeps to share between sessions, so
    /// each is compressed once rather than once per visitor (<see cref="CompressedBlobCache"/>); 0 shares none.
    /// </summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long CompressedBlobCacheBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Pages remembered per session; later pages are still recorded, just not listed.</summary>
    [Range(1, 10_000)]
    public int MaxPagesListed { get; set; } = 500;

    /// <summary>Seqs kept above a gap; past it, the gap becomes a hole and the floor moves on (see SeqWindow).</summary>
    [Range(1, 100_000)]
    public int MaxOutOfOrderBatches { get; set; } = 64;

    /// <summary>Holes (gaps given up) remembered, so a late batch for one is still stored; older seqs are refused.</summary>
    [Range(1, 100_000)]
    public int MaxSeqHoles { get; set; } = 64;
}
