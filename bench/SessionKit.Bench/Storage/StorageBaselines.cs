using System.IO.Compression;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Storage;

/// <summary>A recording's size as raw JSON and compressed whole, computed in the same run as the server's figures.</summary>
internal sealed record StorageBaseline(long RawBytes, long GzipBytes, long BrotliBytes)
{
    public static StorageBaseline Of(Recording recording)
    {
        var raw = Raw(recording);
        return new StorageBaseline(raw.Length, Gzip(raw), Brotli(raw));
    }

    /// <summary>The events as one compact JSON array, as a replay downloads them.</summary>
    private static byte[] Raw(Recording recording)
    {
        using var array = new MemoryStream();
        array.WriteByte((byte)'[');
        for (var i = 0; i < recording.Events.Count; i++)
        {
            if (i > 0)
            {
                array.WriteByte((byte)',');
            }

            array.Write(recording.Events[i].Json);
        }

        array.WriteByte((byte)']');
        return array.ToArray();
    }

    /// <summary>gzip at zlib's default level (6), what <c>gzip file.json</c> does.</summary>
    private static long Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.Length;
    }

    /// <summary>The server's codec (Brotli quality 5, 4 MiB window) over the whole recording in one stream: compression alone.</summary>
    private static long Brotli(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }, leaveOpen: true))
        {
            brotli.Write(raw);
        }

        return output.Length;
    }
}
