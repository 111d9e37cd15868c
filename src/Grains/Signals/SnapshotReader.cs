using System.Text.Json;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Reads a full snapshot's node tree in one forward pass of a <see cref="Utf8JsonReader"/>, keeping what the node
/// map needs. A <see cref="JsonDocument"/> of a multi-megabyte snapshot costs more than the walk itself: it indexes
/// every token, and closing each element searches back over all it holds, so a deep page costs its size times its
/// depth. Where a property repeats, the last one counts, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds it.
/// </summary>
internal static class SnapshotReader
{
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

    private static List<SnapshotNode?>? ReadChildren(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var children = new List<SnapshotNode?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            children.Add(ReadNode(ref reader));
        }

        return children;
    }

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
