using System.Security.Cryptography;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Takes the large string tokens out of event JSON and puts them back. A session repeats its style sheets
/// and big texts in every full snapshot, each snapshot usually in a chunk of its own, and a chunk is its
/// own Brotli stream: stored once by hash, a repeat costs a reference. A reference is the byte 0x01, the
/// 64 hex digits of the SHA-256 of the token (quotes included), and 0x01 again: JSON text never holds a
/// raw control character, so a reference is never mistaken for content, and the bytes restored are
/// exactly the bytes sent.
/// </summary>
public static class LargeStrings
{
    /// <summary>Strings shorter than this stay inline: a reference and a blob row cost more than they save.</summary>
    public const int MinimumBytes = 4096;

    private const byte Marker = 0x01;
    private const int HashHexLength = 64;
    private const int ReferenceLength = HashHexLength + 2;

    /// <summary>
    /// Writes the comma-joined events to <paramref name="output"/> with every string token of at least
    /// <see cref="MinimumBytes"/> replaced by a reference, and adds those tokens to <paramref name="tokens"/> by
    /// hash (each once). Written straight to the output (a compressor), so no copy of the rest is made.
    /// Events that are not valid JSON are written as they are.
    /// <paramref name="found"/>: where ingest's parser saw the string values this long (null: look for them).
    /// </summary>
    public static void WriteExtracted(
        ReadOnlySpan<byte> events, Dictionary<string, byte[]> tokens, IReadOnlyList<TokenRange>? found, Stream output)
    {
        if (events.Length < MinimumBytes)
        {
            output.Write(events);
            return;
        }

        Span<byte> reference = stackalloc byte[ReferenceLength];
        var copied = 0;
        foreach (var (start, length) in found ?? JsonStringTokens.AtLeast(events, MinimumBytes))
        {
            var token = events.Slice(start, length);
            var hash = Convert.ToHexStringLower(SHA256.HashData(token));
            if (!tokens.ContainsKey(hash))
            {
                tokens.Add(hash, token.ToArray());
            }

            output.Write(events[copied..start]);
            WriteReference(reference, hash);
            output.Write(reference);
            copied = start + length;
        }

        output.Write(events[copied..]);
    }

    /// <summary>The hashes <paramref name="data"/> refers to, in order of first appearance.</summary>
    public static IEnumerable<string> References(byte[] data)
    {
        for (var at = Array.IndexOf(data, Marker); at >= 0; at = Array.IndexOf(data, Marker, at + ReferenceLength))
        {
            yield return System.Text.Encoding.ASCII.GetString(data, at + 1, HashHexLength);
        }
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="output"/> with every reference replaced by its token.</summary>
    public static async Task RestoreAsync(
        byte[] data, Func<string, ValueTask<byte[]>> token, Stream output, CancellationToken cancellationToken)
    {
        var copied = 0;
        for (var at = Array.IndexOf(data, Marker); at >= 0; at = Array.IndexOf(data, Marker, copied))
        {
            if (at + ReferenceLength > data.Length || data[at + ReferenceLength - 1] != Marker)
            {
                throw new InvalidDataException("A stored chunk holds a malformed large-string reference.");
            }

            await output.WriteAsync(data.AsMemory(copied, at - copied), cancellationToken);
            await output.WriteAsync(await token(System.Text.Encoding.ASCII.GetString(data, at + 1, HashHexLength)), cancellationToken);
            copied = at + ReferenceLength;
        }

        await output.WriteAsync(data.AsMemory(copied), cancellationToken);
    }

    private static void WriteReference(Span<byte> output, string hash)
    {
        output[0] = Marker;
        System.Text.Encoding.ASCII.GetBytes(hash, output[1..]);
        output[ReferenceLength - 1] = Marker;
    }
}
