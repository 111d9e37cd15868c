using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using SessionKit.Silo.Storage;

namespace SessionKit.Silo.Tests.Storage;

public sealed class PendingBatchBodyTests
{
    [Fact]
    public void TheEventsAreSlicedFromABufferOfExactlyTheInflatedBody()
    {
        const string events = "{\"type\":4,\"timestamp\":1,\"data\":{\"href\":\"https://a.example/\"}},{\"type\":3,\"timestamp\":2}";
        var body = Encoding.UTF8.GetBytes($"{{\"seq\":3,\"events\":[{events}]}}" + new string(' ', 300_000));

        var sliced = PendingBatchBody.Events(Gzip(body));

        Assert.Equal(events, Encoding.UTF8.GetString(sliced.Span));
        Assert.True(MemoryMarshal.TryGetArray(sliced, out var segment));
        Assert.Equal(body.Length, segment.Array!.Length);
    }

    [Fact]
    public void AnEmptyEventsArrayHasNoEvents() =>
        Assert.True(PendingBatchBody.Events(Gzip("{\"seq\":0,\"events\":[]}"u8.ToArray())).IsEmpty);

    [Fact]
    public void ABodyWithoutEventsIsNotAStoredBatch() =>
        Assert.Throws<InvalidDataException>(() => PendingBatchBody.Events(Gzip("{\"seq\":0}"u8.ToArray())));

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
