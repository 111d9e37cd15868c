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

    private readonly NodeTable _nodes = new();
    private bool _swept;

    public int Count => _nodes.Count;

    /// <summary>A copy of the node: changing it changes nothing here.</summary>
    public DomNode? Get(int id) => _nodes.Get(id);

    public IEnumerable<KeyValuePair<int, DomNode>> Entries => _nodes.Entries;

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
                if (Json.Int(change, "id") is { } id && _nodes.TryGetParent(id, out var parentId, out _))
                {
                    var text = Json.Text(change, "value"u8);
                    _nodes.SetText(id, text);
                    _nodes.SetText(parentId, text);
                }
            }
        }

        if (data.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in attributes.EnumerateArray())
            {
                // Most attribute changes are styles and classes of animations: a node is read and written back only
                // for an attribute it keeps.
                if (Json.Int(change, "id") is { } id && change.TryGetProperty("attributes", out var values)
                    && values.ValueKind == JsonValueKind.Object && values.EnumerateObject().Any(value => DomNode.ReadName(value) is not null)
                    && _nodes.Get(id) is { } node)
                {
                    foreach (var value in values.EnumerateObject())
                    {
                        if (DomNode.ReadName(value) is { } name)
                        {
                            node.SetAttribute(name, value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : null);
                        }
                    }

                    _nodes.Set(id, node);
                }
            }
        }
    }

    /// <summary>The node itself or its nearest ancestor (up to <paramref name="levels"/> up) that satisfies <paramref name="match"/>.</summary>
    public (int Id, DomNode Node)? Closest(int id, int levels, Func<DomNode, bool> match)
    {
        for (var i = 0; i <= levels && _nodes.Get(id) is { } node; i++)
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
        if (serialized.Type == TextNode)
        {
            node.Text = serialized.Text;
            _nodes.Set(id, node);
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

        // Stored before its children, so that they count after it against the bound; its text is theirs.
        _nodes.Set(id, node);
        var readsText = ReadsText(node);
        string? first = null;
        foreach (var child in serialized.Children ?? [])
        {
            var text = child is null ? null : Add(child, id);
            if (readsText && first is null && text is not null)
            {
                first = text;
                _nodes.SetText(id, first);
            }
        }

        return readsText ? first : null;
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
        for (var i = 0; text is not null && i < 4 && _nodes.TryGetParent(id, out var parentId, out var hasText) && !hasText; i++)
        {
            _nodes.SetText(id, text);
            id = parentId;
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
        var detached = _nodes.Ids.Where(id => !IsAttached(id)).ToList();
        foreach (var id in detached)
        {
            _nodes.Remove(id);
        }

        _swept = _nodes.Count >= maxNodes * 3 / 4;
        return _nodes.Count < maxNodes;
    }

    private bool IsAttached(int id)
    {
        for (var depth = 0; depth < 1024 && _nodes.TryGetParent(id, out var parentId, out _); depth++)
        {
            if (parentId == -1)
            {
                return true;
            }

            id = parentId;
        }

        return false;
    }
}
