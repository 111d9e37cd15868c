using System.IO.Compression;

namespace SessionKit.Silo.Storage;

/// <summary>Compresses a large string for the blob store and back (Brotli, as chunks).</summary>
internal static class SessionBlobCodec
{
    public static byte[] Compress(byte[] token)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }, leaveOpen: true))
        {
            brotli.Write(token);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] data)
    {
        using var input = new BrotliStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
