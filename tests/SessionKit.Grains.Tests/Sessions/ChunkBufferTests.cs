using System.Text;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Sessions;

public sealed class ChunkBufferTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void ALargeStringAlreadyStoredIsReferencedWithoutBeingCompressedAgain()
    {
        var buffer = new ChunkBuffer();
        var sheet = Css("a");
        buffer.Add(Batch(0, sheet), Now);
        var first = buffer.ToChunk("s1");
        buffer.Stored(first);
        buffer.Clear();

        buffer.Add(Batch(1, sheet), Now);
        buffer.Add(Batch(2, Css("b")), Now);
        var second = buffer.ToChunk("s1");

        Assert.Single(first.Blobs);
        var blob = Assert.Single(second.Blobs);
        Assert.NotEqual(first.Blobs[0].Hash, blob.Hash);
        Assert.Equal([first.Blobs[0].Hash, blob.Hash], LargeStrings.References(Decompressed(second)).ToList());
    }

    [Fact]
    public void AChunkThatWasNeverStoredTeachesNothing()
    {
        var buffer = new ChunkBuffer();
        var sheet = Css("a");
        buffer.Add(Batch(0, sheet), Now);
        _ = buffer.ToChunk("s1");

        // The write failed (a conflict): the batches are reloaded and the blob must travel with the next chunk.
        buffer.Clear();
        buffer.Add(Batch(0, sheet), Now);

        Assert.Single(buffer.ToChunk("s1").Blobs);
    }

    [Fact]
    public void AnotherSessionsBlobIsTakenFromTheSharedCacheAndStillTravelsWithThisSession()
    {
        var shared = new CompressedBlobCache(1024 * 1024);
        var first = new ChunkBuffer(shared);
        var second = new ChunkBuffer(shared);
        var sheet = Css("a");
        first.Add(Batch(0, sheet), Now);
        second.Add(Batch(0, sheet), Now);

        var mine = Assert.Single(first.ToChunk("s1").Blobs);
        var theirs = Assert.Single(second.ToChunk("s2").Blobs);

        // Each session stores the blob (erasing one session leaves the other's), compressed only once.
        Assert.Equal(mine.Hash, theirs.Hash);
        Assert.Same(mine.Data, theirs.Data);
    }

    private static string Css(string name) => string.Join(' ', Enumerable.Range(0, 600).Select(i => $".{name}{i}{{margin:{i}px}}"));

    private static PendingBatch Batch(long ordinal, string text) =>
        new("s1", ordinal, ordinal, 1, Encoding.UTF8.GetBytes($$$"""{"type":2,"timestamp":{{{1000 + ordinal}}},"data":{"textContent":"{{{text}}}"}}"""));

    private static byte[] Decompressed(EventChunk chunk)
    {
        using var stream = new System.IO.Compression.BrotliStream(new MemoryStream(chunk.Data), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
