using System.Net;
using System.Text;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>The body limits are the configured ones, not the defaults: exactly at a limit passes, one byte over is 413.</summary>
public sealed class IngestLimitTests : IDisposable
{
    private const int MaxBodyBytes = 4096;
    private const int MaxDecompressedBytes = 16384;

    private readonly SessionKitApp _app = new(new Dictionary<string, string?>
    {
        ["SessionKit:Ingest:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SessionKit:Ingest:MaxDecompressedBytes"] = MaxDecompressedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PlainBodyOfTheConfiguredSizePassesAndOneByteMoreIsTooLarge(bool sendLength)
    {
        using var ingest = await _app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();

        using (var atLimit = await PostAsync(ingest, sessionId, BodyOfSize(0, MaxBodyBytes), gzip: false, sendLength))
        {
            Assert.Equal(HttpStatusCode.Accepted, atLimit.StatusCode);
        }

        using var overLimit = await PostAsync(ingest, sessionId, BodyOfSize(1, MaxBodyBytes + 1), gzip: false, sendLength);
        var problem = await ProblemAssert.IsProblemAsync(overLimit, HttpStatusCode.RequestEntityTooLarge, "plain over the limit");
        Assert.Contains($"{MaxBodyBytes} bytes as sent", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GzipBodyInflatingToTheConfiguredSizePassesAndOneByteMoreIsTooLarge()
    {
        using var ingest = await _app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();

        using (var atLimit = await PostAsync(ingest, sessionId, BodyOfSize(0, MaxDecompressedBytes), gzip: true, sendLength: true))
        {
            Assert.Equal(HttpStatusCode.Accepted, atLimit.StatusCode);
        }

        using var overLimit = await PostAsync(ingest, sessionId, BodyOfSize(1, MaxDecompressedBytes + 1), gzip: true, sendLength: true);
        var problem = await ProblemAssert.IsProblemAsync(overLimit, HttpStatusCode.RequestEntityTooLarge, "inflated over the limit");
        Assert.Contains($"{MaxDecompressedBytes} bytes decompressed", (string?)problem["detail"]);
    }

    public void Dispose() => _app.Dispose();

    /// <summary>A valid batch of exactly <paramref name="size"/> bytes, padded inside an event's data string.</summary>
    private static byte[] BodyOfSize(long seq, int size)
    {
        var prefix = $"{{\"seq\":{seq},\"events\":[{{\"type\":3,\"timestamp\":1,\"data\":\"";
        const string suffix = "\"}]}";
        var body = prefix + new string('x', size - prefix.Length - suffix.Length) + suffix;
        Assert.Equal(size, Encoding.UTF8.GetByteCount(body));
        return Encoding.UTF8.GetBytes(body);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string sessionId, byte[] body, bool gzip, bool sendLength)
    {
        var bytes = gzip ? IngestClientExtensions.Gzip(body) : body;
        Assert.True(bytes.Length <= MaxBodyBytes || !gzip, "the gzip body itself must fit the as-sent limit");
        HttpContent content = sendLength ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.ContentType = new("application/json");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return client.PostAsync($"/api/v1/sessions/{sessionId}/events", content);
    }

    /// <summary>Sent without Content-Length, so the server finds the size only by reading.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
