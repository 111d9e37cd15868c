using System.IO.Compression;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Reads a request body into memory within the configured limits, inflating gzip on the way, so that
/// neither a huge body nor a gzip bomb can make the server allocate without bound.
/// </summary>
public sealed class BoundedBodyReader(IOptions<IngestOptions> options)
{
    // An announced length is believed up to this much before bytes arrive: a client announcing the limit and
    // sending nothing must not hold a buffer of the limit's size.
    private const long MaxTrustedLength = 1 << 20;
    // A gzip trailer's size is believed up to a ratio real JSON reaches: a forged one must not make a small request
    // allocate the whole limit.
    private const long MaxTrustedRatio = 32;
    private const int MinimumGrowth = 16 * 1024;

    /// <summary>The body, decoded; <c>Received</c> is the body as sent when it came gzipped (else null).</summary>
    public async Task<(byte[]? Body, byte[]? Received, IngestProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, null, TooLarge(limits.MaxBodyBytes, "as sent"));
        }

        var raw = await ReadLimitedAsync(request.Body, limits.MaxBodyBytes, Math.Min(request.ContentLength ?? 0, MaxTrustedLength), cancellationToken);
        if (raw is null)
        {
            return (null, null, TooLarge(limits.MaxBodyBytes, "as sent"));
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (raw, null, null);
        }

        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new IngestProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported content encoding",
                $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding."));
        }

        try
        {
            await using var gzip = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
            var inflated = await ReadLimitedAsync(gzip, limits.MaxDecompressedBytes, GzipTrailer.InflatedSize(raw, MaxTrustedRatio), cancellationToken);
            return inflated is null ? (null, null, TooLarge(limits.MaxDecompressedBytes, "decompressed")) : (inflated, raw, null);
        }
        catch (InvalidDataException)
        {
            return (null, null, IngestProblem.BadRequest("The body is not valid gzip although Content-Encoding says gzip."));
        }
    }

    /// <summary>
    /// The stream's bytes, or null as soon as it proves longer than <paramref name="limit"/>. The buffer starts
    /// at <paramref name="expected"/> bytes, so a body whose length was announced is read into one array and
    /// returned without a copy: batches carrying full snapshots are large-object-heap arrays, and every copy
    /// of them is garbage-collector work.
    /// </summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream source, int limit, long expected, CancellationToken cancellationToken)
    {
        // Uninitialized: every byte returned is read into it first, and zeroing a large array costs as much as filling it.
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(expected, 0, limit));
        var length = 0;
        var probe = new byte[1];
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: one more byte tells whether the stream ends exactly here.
                if (await source.ReadAsync(probe, cancellationToken) == 0)
                {
                    return buffer;
                }

                if (length + 1 > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, MinimumGrowth), limit));
                buffer[length++] = probe[0];
                continue;
            }

            var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length == buffer.Length ? buffer : buffer[..length];
            }

            length += read;
        }
    }

    private static IngestProblem TooLarge(int limit, string measure) =>
        IngestProblem.TooLarge($"The body is larger than {limit} bytes {measure}. Send smaller batches.");
}
