using System.Text.Json;

namespace SessionKit.Grains.Signals;

/// <summary>
/// The recorded page's nodes by rrweb id, kept from full snapshots and mutations. Bounded: past
/// <c>maxNodes</c>, nodes removed from the page (whose ancestors are gone) are swept once; if the page is
/// still too big, further nodes are not remembered until the next full snapshot.
/// </summary>
internal sealed class NodeMap(int maxNodes)
{
    private const int DocumentNode = 0;
    private const int ElementNode = 2;
    private const int TextNode = 3;

    private readonly Dictionary<int, DomNode> _nodes = [];
    private bool _swept;

    public int Count => _nodes.Count;

    public DomNode? Get(int id) => _nodes.GetValueOrDefault(id);

    public IEnumerable<KeyValuePair<int, DomNode>> Entries => _nodes;

    /// <summary>A full snapshot replaces the page: rrweb numbers the nodes afresh.</summary>
    public void Reset(JsonElement root) => Reset(SnapshotReader.ReadNode(root));

    /// <summary>
    /// A full snapshot, read by <see cref="SnapshotReader"/>, replaces the page (null: a snapshot whose node is not
    /// an object, which leaves the page empty).
    /// </summary>
    public void Reset(SnapshotNode? root)
    {
        _nodes.Clear();
        _swept = false;
        if (root is not null)
        {
            Add(root, -1);
        }
    }

    public void ApplyMutation(JsonElement data)
    {
        if (data.TryGetProperty("removes", out var removes) && removes.ValueKind == JsonValueKind.Array)
        {
            foreach (var remove in removes.EnumerateArray())
            {
                if (Json.Int(remove, "id") is { } id)
                {
                    _nodes.Remove(id);
                }
            }
        }

        if (data.TryGetProperty("adds", out var adds) && adds.ValueKind == JsonValueKind.Array)
        {
            foreach (var add in adds.EnumerateArray())
            {
                if (add.TryGetProperty("node", out var node) && Json.Int(add, "parentId") is { } parentId)
                {
                    var text = SnapshotReader.ReadNode(node) is { } added ? Add(added, parentId) : null;
                    FillAncestors(parentId, text);
                }
            }
        }

        if (data.TryGetProperty("texts", out var texts) && texts.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in texts.EnumerateArray())
            {
                if (Json.Int(change, "id") is { } id && _nodes.TryGetValue(id, out var node))
                {
                    node.Text = Json.Text(change, "value"u8);
                    if (_nodes.TryGetValue(node.ParentId, out var parent))
                    {
                        parent.Text = node.Text;
                    }
                }
            }
        }

        if (data.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in attributes.EnumerateArray())
            {
                if (Json.Int(change, "id") is { } id && _nodes.TryGetValue(id, out var node)
                    && change.TryGetProperty("attributes", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    foreach (var value in values.EnumerateObject())
                    {
                        if (DomNode.ReadName(value) is not { } name)
                        {
                            continue;
                        }

                        node.SetAttribute(name, value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : null);
                    }
                }
            }
        }
    }

    /// <summary>The node itself or its nearest ancestor (up to <paramref name="levels"/> up) that satisfies <paramref name="match"/>.</summary>
    public (int Id, DomNode Node)? Closest(int id, int levels, Func<DomNode, bool> match)
    {
        for (var i = 0; i <= levels && _nodes.TryGetValue(id, out var node); i++)
        {
            if (match(node))
            {
                return (id, node);
            }

            id = node.ParentId;
        }

        return null;
    }

    /// <summary>Adds the serialized node and its children; returns the first text found in it.</summary>
    private string? Add(SnapshotNode serialized, int parentId)
    {
        if (serialized.Id is not { } id || !HasRoom())
        {
            return null;
        }

        var node = new DomNode { ParentId = parentId, Tag = TagOf(serialized.Type, serialized.TagName) };
        _nodes[id] = node;

        if (serialized.Type == TextNode)
        {
            node.Text = serialized.Text;
            return node.Text;
        }

        if (serialized.Attributes is { } attributes)
        {
            // type first: it decides whether an input's value is a label.
            if (serialized.TypeAttribute is { } inputType)
            {
                node.SetAttribute("type", inputType);
            }

            foreach (var (name, value) in attributes)
            {
                node.SetAttribute(name, value);
            }
        }

        var readsText = ReadsText(node);
        foreach (var child in serialized.Children ?? [])
        {
            var text = child is null ? null : Add(child, id);
            if (readsText && node.Text is null && text is not null)
            {
                node.Text = text;
            }
        }

        return readsText ? node.Text : null;
    }

    private static string TagOf(int? type, string? tagName) => type switch
    {
        ElementNode => tagName ?? "#other",
        TextNode => "#text",
        DocumentNode => "#document",
        _ => "#other",
    };

    /// <summary>Style and script contents are not what a visitor reads.</summary>
    private static bool ReadsText(DomNode node) => node.Tag is not ("style" or "script" or "noscript" or "head");

    /// <summary>Text added under an element that had none labels it and its nearest unlabelled ancestors.</summary>
    private void FillAncestors(int id, string? text)
    {
        for (var i = 0; text is not null && i < 4 && _nodes.TryGetValue(id, out var node) && node.Text is null; i++)
        {
            node.Text = text;
            id = node.ParentId;
        }
    }

    private bool HasRoom()
    {
        if (_nodes.Count < maxNodes)
        {
            return true;
        }

        if (_swept)
        {
            return false;
        }

        // Once per snapshot: nodes whose parent was removed are gone from the page too.
        _swept = true;
        var detached = _nodes.Where(pair => pair.Value.ParentId != -1 && !IsAttached(pair.Key)).Select(pair => pair.Key).ToList();
        foreach (var id in detached)
        {
            _nodes.Remove(id);
        }

        _swept = _nodes.Count >= maxNodes * 3 / 4;
        return _nodes.Count < maxNodes;
    }

    private bool IsAttached(int id)
    {
        for (var depth = 0; depth < 1024 && _nodes.TryGetValue(id, out var node); depth++)
        {
            if (node.ParentId == -1)
            {
                return true;
            }

            id = node.ParentId;
        }

        return false;
    }
}
