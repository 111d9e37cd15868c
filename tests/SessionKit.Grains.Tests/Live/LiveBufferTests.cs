using System.Text;
using SessionKit.Grains.Live;

namespace SessionKit.Grains.Tests.Live;

public sealed class LiveBufferTests
{
    [Fact]
    public void BufferStartsAtTheLatestSnapshotAndKeepsEverythingAfter()
    {
        var buffer = new LiveBuffer(1024);
        buffer.Add(Bytes("{\"a\":1}"), null);
        Assert.False(buffer.HasSnapshot);
        Assert.Empty(buffer.Join());

        var withSnapshot = Bytes("{\"old\":1},{\"meta\":1},{\"full\":1}");
        buffer.Add(withSnapshot, "{\"old\":1},".Length);
        buffer.Add(Bytes("{\"b\":2}"), null);
        buffer.Add(ReadOnlyMemory<byte>.Empty, null);

        Assert.True(buffer.HasSnapshot);
        Assert.Equal("{\"meta\":1},{\"full\":1},{\"b\":2}", Encoding.UTF8.GetString(buffer.Join()));

        buffer.Add(Bytes("{\"meta\":2},{\"full\":2}"), 0);
        Assert.Equal("{\"meta\":2},{\"full\":2}", Encoding.UTF8.GetString(buffer.Join()));
    }

    [Fact]
    public void BufferOverItsLimitIsDroppedUntilTheNextSnapshot()
    {
        var buffer = new LiveBuffer(64);
        buffer.Add(Bytes("{\"full\":1}"), 0);
        buffer.Add(Bytes(new string('x', 80)), null);

        Assert.False(buffer.HasSnapshot);
        Assert.Empty(buffer.Join());
        buffer.Add(Bytes("{\"later\":1}"), null);
        Assert.Empty(buffer.Join());
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
