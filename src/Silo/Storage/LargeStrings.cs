using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

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
    /// The comma-joined events with every string token of at least <see cref="MinimumBytes"/> replaced by a
    /// reference, and those tokens by hash (each once). Events that are not valid JSON are kept as they are.
    /// </summary>
    public static byte[] Extract(byte[] events, Dictionary<string, byte[]> tokens)
    {
        if (events.Length < MinimumBytes)
        {
            return events;
        }

        // The events are joined by commas: read them as the items of one array, offsets shifted by the bracket.
        using var array = new BracketedEvents(events);
        var output = new ArrayBufferWriter<byte>(events.Length);
        var copied = 0;
        var reader = new Utf8JsonReader(array.Memory.Span);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length + 2 < MinimumBytes)
                {
                    continue;
                }

                // A string token runs from its opening quote over its raw (still escaped) bytes to its closing quote.
                var start = (int)reader.TokenStartIndex - 1;
                var length = reader.ValueSpan.Length + 2;
                var token = events.AsSpan(start, length);
                var hash = Convert.ToHexStringLower(SHA256.HashData(token));
                tokens.TryAdd(hash, token.ToArray());
                output.Write(events.AsSpan(copied, start - copied));
                WriteReference(output, hash);
                copied = start + length;
            }
        }
        catch (JsonException)
        {
            // Stored events were validated at ingest; should one not parse, what was found so far still holds.
        }

        if (copied == 0)
        {
            return events;
        }

        output.Write(events.AsSpan(copied));
        return output.WrittenSpan.ToArray();
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

    private static void WriteReference(ArrayBufferWriter<byte> output, string hash)
    {
        var span = output.GetSpan(ReferenceLength);
        span[0] = Marker;
        System.Text.Encoding.ASCII.GetBytes(hash, span[1..]);
        span[ReferenceLength - 1] = Marker;
        output.Advance(ReferenceLength);
    }
}
