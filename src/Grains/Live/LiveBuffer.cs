namespace SessionKit.Grains.Live;

/// <summary>
/// The latest full snapshot and every batch after it, so a viewer joining mid-session renders the
/// current page at once. Bounded: past the limit it is dropped, and the SDK is asked for a new snapshot.
/// </summary>
public sealed class LiveBuffer(int maxBytes)
{
    private static readonly byte[] Comma = ","u8.ToArray();
    private readonly List<ReadOnlyMemory<byte>> _parts = [];
    private long _bytes;

    public bool HasSnapshot { get; private set; }

    public void Add(ReadOnlyMemory<byte> eventsJson, int? snapshotOffset)
    {
        if (snapshotOffset is { } offset)
        {
            Clear();
            HasSnapshot = true;
            Append(eventsJson[offset..]);
        }
        else if (HasSnapshot && eventsJson.Length > 0)
        {
            Append(eventsJson);
        }

        if (_bytes > maxBytes)
        {
            Clear();
        }
    }

    /// <summary>Everything buffered as one comma-joined JSON fragment (empty without a snapshot).</summary>
    public byte[] Join()
    {
        var result = new byte[_bytes + Math.Max(0, _parts.Count - 1)];
        var position = 0;
        for (var i = 0; i < _parts.Count; i++)
        {
            if (i > 0)
            {
                Comma.CopyTo(result, position++);
            }

            _parts[i].Span.CopyTo(result.AsSpan(position));
            position += _parts[i].Length;
        }

        return result;
    }

    private void Append(ReadOnlyMemory<byte> part)
    {
        _parts.Add(part);
        _bytes += part.Length;
    }

    private void Clear()
    {
        _parts.Clear();
        _bytes = 0;
        HasSnapshot = false;
    }
}
