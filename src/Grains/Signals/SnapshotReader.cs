using System.Runtime.InteropServices;
using System.Text.Json;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Reads a full snapshot's node tree in one forward pass of a <see cref="Utf8JsonReader"/>, keeping what the node
/// map needs. A <see cref="JsonDocument"/> of a multi-megabyte snapshot costs more than the walk itself: it indexes
/// every token, and closing each element searches back over all it holds, so a deep page costs its size times its
/// depth. Where a property repeats, the last one counts, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it.
/// </summary>
internal static class SnapshotReader
{
    private const int FullSnapshot = 2;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1024 };

    /// <summary>Where the full snapshot events of a bracketed array of events are: what ingest's parser notes, found again.</summary>
    public static List<TokenRange> FindAll(ReadOnlySpan<byte> array)
    {
        var found = new List<TokenRange>();
        var reader = new Utf8JsonReader(array, Options);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            int? type = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    type = Json.Int(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (type == FullSnapshot)
            {
                found.Add(new TokenRange(start, (int)reader.BytesConsumed - start));
            }
        }

        return found;
    }

    /// <summary>
    /// A full snapshot event's fields as the evaluator reads an event's (the last of a repeated one counts):
    /// its type and time, whether its data is an object, and the node tree there if it has one.
    /// </summary>
    public static SnapshotEvent ReadEvent(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item, Options);
        reader.Read();
        var read = new SnapshotEvent(null, null, false, false, null);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                read = read with { Type = Json.Int(ref reader) };
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                read = read with { At = Json.Long(ref reader) };
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                read = ReadData(ref reader, read);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return read;
    }

    private static SnapshotEvent ReadData(ref Utf8JsonReader reader, SnapshotEvent read)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return read with { DataIsObject = false, HasNode = false, Root = null };
        }

        read = read with { DataIsObject = true, HasNode = false, Root = null };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isNode = reader.ValueTextEquals("node"u8);
            reader.Read();
            if (isNode)
            {
                read = read with { HasNode = true, Root = ReadNode(ref reader) };
            }
            else
            {
                reader.Skip();
            }
        }

        return read;
    }

    /// <summary>A node a <see cref="JsonDocument"/> holds (a mutation's added node), read the same way from its raw bytes.</summary>
    public static SnapshotNode? ReadNode(JsonElement node)
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(node), Options);
        reader.Read();
        return ReadNode(ref reader);
    }

    /// <summary>The node the reader is on (null, skipped, when it is not an object); the reader ends on its last token.</summary>
    public static SnapshotNode? ReadNode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var node = new SnapshotNode();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                node.Id = Json.Int(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                node.Type = Json.Int(ref reader);
            }
            else if (reader.ValueTextEquals("tagName"u8))
            {
                reader.Read();
                node.TagName = StringOrSkip(ref reader) ? Json.TagName(ref reader) : null;
            }
            else if (reader.ValueTextEquals("textContent"u8))
            {
                reader.Read();
                node.Text = StringOrSkip(ref reader) ? Json.Text(ref reader) : null;
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                reader.Read();
                ReadAttributes(ref reader, node);
            }
            else if (reader.ValueTextEquals("childNodes"u8))
            {
                reader.Read();
                node.Children = ReadChildren(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return node;
    }

    private static void ReadAttributes(ref Utf8JsonReader reader, SnapshotNode node)
    {
        node.TypeAttribute = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            node.Attributes = null;
            reader.Skip();
            return;
        }

        var attributes = new List<(string, string?)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = DomNode.ReadName(ref reader);
            reader.Read();
            if (name is null)
            {
                // Inlined style sheets (_cssText) and the like are never read: not decoding them saves the most.
                reader.Skip();
                continue;
            }

            var value = StringOrSkip(ref reader) ? reader.GetString() : null;
            attributes.Add((name, value));
            if (name == "type")
            {
                node.TypeAttribute = value;
            }
        }

        node.Attributes = attributes;
    }

    private static SnapshotNode?[]? ReadChildren(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        // Gathered in a list of this depth's own, used again by every array at this depth, then copied once at
        // their exact count: a list per node, grown from empty, cost a fifth of the whole evaluation in copies.
        var depth = reader.CurrentDepth;
        var lists = s_children ??= [];
        while (lists.Count <= depth)
        {
            lists.Add([]);
        }

        var children = lists[depth];
        var start = children.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            children.Add(ReadNode(ref reader));
        }

        var read = CollectionsMarshal.AsSpan(children)[start..].ToArray();
        children.RemoveRange(start, children.Count - start);
        return read;
    }

    [ThreadStatic]
    private static List<List<SnapshotNode?>>? s_children;

    /// <summary>True when the reader is on a string; anything else is skipped.</summary>
    private static bool StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return true;
        }

        reader.Skip();
        return false;
    }
}

/// <summary>What <see cref="SnapshotReader.ReadEvent"/> read of a full snapshot event.</summary>
internal sealed record SnapshotEvent(int? Type, long? At, bool DataIsObject, bool HasNode, SnapshotNode? Root);
