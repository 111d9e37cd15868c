namespace SessionKit.Grains.Signals;

/// <summary>
/// A recorded node (a full snapshot's, or one a mutation adds) as <see cref="SnapshotReader"/> read it, holding only
/// what <see cref="NodeMap"/> keeps of it: the map is filled from these once the tree is read whole, parents before
/// children (rrweb writes a node's id after its children, so nothing can be placed while reading).
/// </summary>
internal sealed class SnapshotNode
{
    public int? Id { get; set; }

    /// <summary>rrweb's node type (0 document, 2 element, 3 text).</summary>
    public int? Type { get; set; }

    /// <summary>Lower-case, as <see cref="Json.TagName(ref System.Text.Json.Utf8JsonReader)"/> reads it.</summary>
    public string? TagName { get; set; }

    /// <summary>As <see cref="Json.Text(System.Text.Json.JsonElement, ReadOnlySpan{byte})"/> reads textContent.</summary>
    public string? Text { get; set; }

    /// <summary>The attributes <see cref="DomNode"/> reads, in order (null value: not a string); null without an attributes object.</summary>
    public List<(string Name, string? Value)>? Attributes { get; set; }

    /// <summary>The type attribute, when a string: it is applied first, since it decides whether an input's value is a label.</summary>
    public string? TypeAttribute { get; set; }

    /// <summary>Children in order (null: a child that is not an object); null without a childNodes array.</summary>
    public SnapshotNode?[]? Children { get; set; }
}
