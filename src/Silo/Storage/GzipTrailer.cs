using System.Buffers.Binary;

namespace SessionKit.Silo.Storage;

/// <summary>What a gzip member's trailer says of the data it holds.</summary>
public static class GzipTrailer
{
    /// <summary>The smallest gzip member: a 10-byte header, an empty deflate block and the 8-byte trailer.</summary>
    private const int MinimumLength = 18;

    /// <summary>
    /// ISIZE, the last 4 bytes: the inflated length (modulo 2^32), believed only up to <paramref name="maxRatio"/>
    /// times the compressed length, so a forged or damaged trailer cannot make a reader allocate without bound.
    /// 0 when <paramref name="gzip"/> is too short to have one.
    /// </summary>
    public static long InflatedSize(byte[] gzip, long maxRatio) =>
        gzip.Length < MinimumLength ? 0 : Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)), gzip.Length * maxRatio);
}
