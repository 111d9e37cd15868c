using System.Runtime.InteropServices;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Where <see cref="NodeMap"/> keeps its nodes: each one a struct in one array and its strings in one shared character
/// buffer, found by rrweb id. Thousands of live sessions each holding a page of thousands of nodes are then a few
/// arrays per session rather than millions of objects, which the garbage collector would otherwise trace again in
/// every full collection while ingest waits. Nodes are read and written as <see cref="DomNode"/> copies; walking up
/// parents and replacing a text read none.
/// </summary>
internal sealed class NodeTable
{
    private const int None = -1;
    private const byte HasHrefFlag = 1;
    private const byte OpensElsewhereFlag = 2;

    private readonly Dictionary<int, int> _slots = [];
    private readonly List<string> _tags = [];
    private readonly Dictionary<string, ushort> _tagIndexes = new(StringComparer.Ordinal);
    private Entry[] _entries = new Entry[16];
    private int _slotsUsed;
    private int _freeSlot = None;
    private char[] _chars = new char[256];
    private string? _lastTag;
    private ushort _lastTagIndex;
    private int _charsUsed;
    private int _charsLive;

    public int Count => _slots.Count;

    public IEnumerable<int> Ids => _slots.Keys;

    public IEnumerable<KeyValuePair<int, DomNode>> Entries => _slots.Select(pair => KeyValuePair.Create(pair.Key, Read(pair.Value)));

    public bool Contains(int id) => _slots.ContainsKey(id);

    public DomNode? Get(int id) => _slots.TryGetValue(id, out var slot) ? Read(slot) : null;

    /// <summary>The node's parent id and whether it has a text, without reading the node.</summary>
    public bool TryGetParent(int id, out int parentId, out bool hasText)
    {
        if (!_slots.TryGetValue(id, out var slot))
        {
            (parentId, hasText) = (None, false);
            return false;
        }

        ref var entry = ref _entries[slot];
        (parentId, hasText) = (entry.ParentId, entry.Text != None);
        return true;
    }

    /// <summary>Stores a copy of <paramref name="node"/> as the node <paramref name="id"/>, in its place if it has one.</summary>
    public void Set(int id, DomNode node)
    {
        Reserve(Chars(node.Text) + Chars(node.ElementId) + Chars(node.Classes) + Chars(node.Role) + Chars(node.Type) + Chars(node.Name) + Chars(node.AriaLabel));
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, id, out var exists);
        if (exists)
        {
            Release(ref _entries[slot]);
        }
        else
        {
            slot = NewSlot();
        }

        _entries[slot] = new Entry
        {
            ParentId = node.ParentId,
            Tag = TagIndex(node.Tag),
            Flags = (byte)((node.HasHref ? HasHrefFlag : 0) | (node.OpensElsewhere ? OpensElsewhereFlag : 0)),
            Text = Add(node.Text),
            ElementId = Add(node.ElementId),
            Classes = Add(node.Classes),
            Role = Add(node.Role),
            Type = Add(node.Type),
            Name = Add(node.Name),
            AriaLabel = Add(node.AriaLabel),
        };
    }

    /// <summary>Replaces the node's text; false when there is no such node.</summary>
    public bool SetText(int id, string? text)
    {
        if (!_slots.TryGetValue(id, out var slot))
        {
            return false;
        }

        Reserve(Chars(text));
        ref var entry = ref _entries[slot];
        Release(entry.Text);
        entry.Text = Add(text);
        return true;
    }

    public bool Remove(int id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return false;
        }

        Release(ref _entries[slot]);
        _entries[slot] = new Entry { ParentId = _freeSlot };
        _freeSlot = slot;
        return true;
    }

    /// <summary>Forgets every node; the arrays are kept for the next page, which is most often as big.</summary>
    public void Clear()
    {
        _slots.Clear();
        _tags.Clear();
        _tagIndexes.Clear();
        _lastTag = null;
        (_slotsUsed, _freeSlot, _charsUsed, _charsLive) = (0, None, 0, 0);
    }

    private DomNode Read(int slot)
    {
        ref var entry = ref _entries[slot];
        return new DomNode
        {
            ParentId = entry.ParentId,
            Tag = _tags[entry.Tag],
            HasHref = (entry.Flags & HasHrefFlag) != 0,
            OpensElsewhere = (entry.Flags & OpensElsewhereFlag) != 0,
            Text = String(entry.Text),
            ElementId = String(entry.ElementId),
            Classes = String(entry.Classes),
            Role = String(entry.Role),
            Type = String(entry.Type),
            Name = String(entry.Name),
            AriaLabel = String(entry.AriaLabel),
        };
    }

    private int NewSlot()
    {
        if (_freeSlot != None)
        {
            var slot = _freeSlot;
            _freeSlot = _entries[slot].ParentId;
            return slot;
        }

        if (_slotsUsed == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return _slotsUsed++;
    }

    private ushort TagIndex(string tag)
    {
        // Common tags are the same string every time (Json.TagName), and runs of nodes share one.
        if (ReferenceEquals(tag, _lastTag))
        {
            return _lastTagIndex;
        }

        if (!_tagIndexes.TryGetValue(tag, out var index))
        {
            // A page has a few dozen kinds of element; past ushort's range (custom elements gone wild) they share a name.
            index = (ushort)Math.Min(_tags.Count, ushort.MaxValue);
            if (index == _tags.Count)
            {
                _tags.Add(tag);
            }

            _tagIndexes[tag] = index;
        }

        (_lastTag, _lastTagIndex) = (tag, index);
        return index;
    }

    // Strings are stored as their length (one char) and their chars; their index in _chars is their handle.
    // DomNode's strings are cut to a few dozen characters (DomNode.Clean), far below a char's range.
    private static int Chars(string? value) => value is null ? 0 : Math.Min(value.Length, char.MaxValue) + 1;

    private int Add(string? value)
    {
        if (value is null)
        {
            return None;
        }

        var length = Math.Min(value.Length, char.MaxValue);
        var handle = _charsUsed;
        _chars[handle] = (char)length;
        value.AsSpan(0, length).CopyTo(_chars.AsSpan(handle + 1));
        _charsUsed += length + 1;
        _charsLive += length + 1;
        return handle;
    }

    private string? String(int handle) => handle == None ? null : new string(_chars, handle + 1, _chars[handle]);

    private void Release(int handle)
    {
        if (handle != None)
        {
            _charsLive -= _chars[handle] + 1;
        }
    }

    private void Release(ref Entry entry)
    {
        Release(entry.Text);
        Release(entry.ElementId);
        Release(entry.Classes);
        Release(entry.Role);
        Release(entry.Type);
        Release(entry.Name);
        Release(entry.AriaLabel);
    }

    /// <summary>Room for <paramref name="chars"/> more: the buffer is compacted when most of it is strings replaced since, else grown.</summary>
    private void Reserve(int chars)
    {
        if (_charsUsed + chars <= _chars.Length)
        {
            return;
        }

        var size = _chars.Length;
        while (size < (_charsLive + chars) * 2)
        {
            size *= 2;
        }

        var old = _chars;
        _chars = new char[size];
        (_charsUsed, _charsLive) = (0, 0);
        foreach (var slot in _slots.Values)
        {
            ref var entry = ref _entries[slot];
            entry.Text = Move(old, entry.Text);
            entry.ElementId = Move(old, entry.ElementId);
            entry.Classes = Move(old, entry.Classes);
            entry.Role = Move(old, entry.Role);
            entry.Type = Move(old, entry.Type);
            entry.Name = Move(old, entry.Name);
            entry.AriaLabel = Move(old, entry.AriaLabel);
        }
    }

    private int Move(char[] from, int handle)
    {
        if (handle == None)
        {
            return None;
        }

        var length = from[handle];
        var moved = _charsUsed;
        from.AsSpan(handle, length + 1).CopyTo(_chars.AsSpan(moved));
        _charsUsed += length + 1;
        _charsLive += length + 1;
        return moved;
    }

    /// <summary>One node; its strings are handles into the character buffer (<see cref="None"/>: null).</summary>
    private struct Entry
    {
        public int ParentId;
        public int Text;
        public int ElementId;
        public int Classes;
        public int Role;
        public int Type;
        public int Name;
        public int AriaLabel;
        public ushort Tag;
        public byte Flags;
    }
}
