using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SessionKit.Api.Ingest;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

public sealed class BoundedBodyReaderTests
{
    private const int Limit = 64 * 1024;
    private static readonly BoundedBodyReader Reader = new(Options.Create(new IngestOptions { MaxBodyBytes = Limit, MaxDecompressedBytes = 4 * Limit }));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20_000)]
    [InlineData(Limit)]
    public async Task ABodyUpToTheLimitIsReadWholeWhateverItsAnnouncedLength(int size)
    {
        var body = Bytes(size);
        foreach (var announced in new long?[] { size, null, size / 2, Math.Min(size + 10, Limit) })
        {
            var (read, received, problem) = await Reader.ReadAsync(Request(body, announced), CancellationToken.None);

            Assert.Null(problem);
            Assert.Equal(body, read);
            Assert.Null(received);
        }
    }

    [Fact]
    public async Task ABodyOneByteOverTheLimitIsRefusedEvenWhenItsLengthWasNotAnnounced()
    {
        var (read, _, problem) = await Reader.ReadAsync(Request(Bytes(Limit + 1), announced: null), CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem!.Status);
    }

    [Fact]
    public async Task GzipIsInflatedWhole()
    {
        var json = Bytes(3 * Limit);
        var gzip = Gzip(json, trailer: null);
        var (read, received, problem) = await Reader.ReadAsync(Request(gzip, gzip.Length, "gzip"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(json, read);
        Assert.Equal(gzip, received);
    }

    [Theory]
    [InlineData(10u)]
    [InlineData(uint.MaxValue)]
    public async Task GzipWhoseTrailerLiesAboutItsSizeIsRefusedAsInvalid(uint trailer)
    {
        var gzip = Gzip(Bytes(3 * Limit), trailer);
        var (read, _, problem) = await Reader.ReadAsync(Request(gzip, gzip.Length, "gzip"), CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.Status);
    }

    [Fact]
    public async Task GzipInflatingPastItsLimitIsRefused()
    {
        var gzip = Gzip(new byte[4 * Limit + 1], trailer: null);
        var (read, _, problem) = await Reader.ReadAsync(Request(gzip, gzip.Length, "gzip"), CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem!.Status);
    }

    private static HttpRequest Request(byte[] body, long? announced, string? encoding = null)
    {
        var context = new DefaultHttpContext();
        // Small reads, as a socket gives them, so the buffer fills and grows in steps.
        context.Request.Body = new BufferedStream(new MemoryStream(body), 1000);
        context.Request.ContentLength = announced;
        if (encoding is not null)
        {
            context.Request.Headers.ContentEncoding = encoding;
        }

        return context.Request;
    }

    private static byte[] Bytes(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)('a' + (i * 7 % 26)))];

    /// <summary>gzip of <paramref name="data"/>; <paramref name="trailer"/> overwrites the size it records.</summary>
    private static byte[] Gzip(byte[] data, uint? trailer)
    {
        var bytes = IngestClientExtensions.Gzip(data);
        if (trailer is { } size)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), size);
        }

        return bytes;
    }
}
