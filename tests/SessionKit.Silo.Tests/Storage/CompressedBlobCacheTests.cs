using System.IO.Compression;
using System.Text;
using SessionKit.Silo.Storage;

namespace SessionKit.Silo.Tests.Storage;

public sealed class CompressedBlobCacheTests
{
    [Fact]
    public void ABlobSeenBeforeIsNotCompressedAgain()
    {
        var cache = new CompressedBlobCache(1024 * 1024);
        var sheet = Sheet("a");

        var first = cache.GetOrCompress("h-a", sheet);
        var again = cache.GetOrCompress("h-a", (byte[])sheet.Clone());

        Assert.Same(first, again);
        Assert.Equal(sheet, Decompress(first));
    }

    [Fact]
    public void TheOldestBlobsLeaveOnceTheCapacityIsReached()
    {
        var one = new CompressedBlobCache(long.MaxValue).GetOrCompress("x", Sheet("a")).Length;
        var cache = new CompressedBlobCache(one * 5 / 2);

        var a = cache.GetOrCompress("h-a", Sheet("a"));
        cache.GetOrCompress("h-b", Sheet("b"));
        cache.GetOrCompress("h-c", Sheet("c"));

        Assert.True(cache.Bytes <= one * 5 / 2);
        Assert.NotSame(a, cache.GetOrCompress("h-a", Sheet("a")));
    }

    [Fact]
    public void ACacheWithoutCapacityKeepsNothing()
    {
        var cache = new CompressedBlobCache(0);

        var first = cache.GetOrCompress("h-a", Sheet("a"));

        Assert.Equal(0, cache.Bytes);
        Assert.NotSame(first, cache.GetOrCompress("h-a", Sheet("a")));
        Assert.Equal(Sheet("a"), Decompress(first));
    }

    private static byte[] Sheet(string name) =>
        Encoding.UTF8.GetBytes('"' + string.Join(' ', Enumerable.Range(0, 600).Select(i => $".{name}{i}{{margin:{i}px}}")) + '"');

    private static byte[] Decompress(byte[] data)
    {
        using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
