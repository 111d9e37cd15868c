using System.IO.Compression;
using Microsoft.Extensions.Options;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Reads a request body into memory within the configured limits, inflating gzip on the way, so that
/// neither a huge body nor a gzip bomb can make the server allocate without bound.
/// </summary>
public sealed class BoundedBodyReader(IOptions<IngestOptions> options)
{
    public async Task<(byte[]? Body, IngestProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, TooLarge(limits.MaxBodyBytes, "as sent"));
        }

        var raw = await ReadLimitedAsync(request.Body, limits.MaxBodyBytes, cancellationToken);
        if (raw is null)
        {
            return (null, TooLarge(limits.MaxBodyBytes, "as sent"));
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (raw, null);
        }

        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new IngestProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported content encoding",
                $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding."));
        }

        try
        {
            await using var gzip = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
            var inflated = await ReadLimitedAsync(gzip, limits.MaxDecompressedBytes, cancellationToken);
            return inflated is null ? (null, TooLarge(limits.MaxDecompressedBytes, "decompressed")) : (inflated, null);
        }
        catch (InvalidDataException)
        {
            return (null, IngestProblem.BadRequest("The body is not valid gzip although Content-Encoding says gzip."));
        }
    }

    /// <summary>The stream's bytes, or null as soon as it proves longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IngestProblem TooLarge(int limit, string measure) =>
        IngestProblem.TooLarge($"The body is larger than {limit} bytes {measure}. Send smaller batches.");
}
