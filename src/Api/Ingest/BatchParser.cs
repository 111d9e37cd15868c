using System.Text.Json;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Validates a <c>{ "seq": n, "events": [...] }</c> body in one forward pass and slices out the events'
/// raw JSON, so the server never re-serializes (and so never alters) what the SDK recorded. On the way it
/// notes what the grain needs (pages, time span, last snapshot, where the large strings are), so nothing
/// after it reads the whole batch again just to find them.
/// </summary>
public static class BatchParser
{
    private const int FullSnapshotEventType = 2;
    private const int MetaEventType = 4;

    /// <summary>
    /// The body as the grain message for <paramref name="projectId"/>: the events' exact bytes between the
    /// array's brackets, plus what was read from them on the way (pages, time span, last snapshot).
    /// <paramref name="received"/>: the body as sent, gzipped, if it was (stored instead of the events).
    /// </summary>
    public static (AppendBatch? Batch, IngestProblem? Problem) Parse(byte[] body, string projectId, byte[]? received = null)
    {
        try
        {
            return Read(body, projectId, received);
        }
        catch (JsonException ex)
        {
            return (null, IngestProblem.BadRequest($"The body is not valid JSON: {ex.Message}"));
        }
    }

    private static (AppendBatch?, IngestProblem?) Read(byte[] body, string projectId, byte[]? received)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 512 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("The body must be a JSON object { \"seq\": n, \"events\": [...] }.");
        }

        long? seq = null;
        EventsSummary? events = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                if (seq is not null || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0)
                {
                    return Fail("\"seq\" must appear once, as an integer >= 0.");
                }

                seq = value;
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                if (events is not null || reader.TokenType != JsonTokenType.StartArray)
                {
                    return Fail("\"events\" must appear once, as an array of rrweb events.");
                }

                var (summary, error) = ReadEvents(ref reader, body);
                if (error is not null)
                {
                    return Fail(error);
                }

                events = summary;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            return Fail("Unexpected content after the JSON object.");
        }

        if (seq is null || events is null)
        {
            return Fail("The body must have both \"seq\" (integer >= 0) and \"events\" (array).");
        }

        var batch = new AppendBatch(
            projectId, seq.Value, events.Count, events.Json, events.PageUrls, events.MinTimestamp, events.MaxTimestamp, events.SnapshotOffset,
            new BatchLayout(events.LargeStrings, events.FullSnapshots), received);
        return (batch, null);
    }

    private static (EventsSummary?, string?) ReadEvents(ref Utf8JsonReader reader, byte[] body)
    {
        var summary = new EventsSummary();
        long start = -1, end = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = summary.Count;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, $"events[{index}] is not an object; every rrweb event is an object with numeric \"type\" and \"timestamp\".");
            }

            if (start < 0)
            {
                start = reader.TokenStartIndex;
                summary.Start = (int)start;
            }

            var error = ReadEvent(ref reader, index, summary, (int)(reader.TokenStartIndex - start));
            if (error is not null)
            {
                return (null, error);
            }

            end = reader.BytesConsumed;
            summary.EndEvent((int)(end - start));
        }

        // A slice, not a copy: the body is the events plus a few bytes, and is kept as long as they are.
        summary.Json = start < 0 ? ReadOnlyMemory<byte>.Empty : body.AsMemory((int)start, (int)(end - start));
        return (summary, null);
    }

    private static string? ReadEvent(ref Utf8JsonReader reader, int index, EventsSummary summary, int offset)
    {
        double? type = null, timestamp = null;
        string? href = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                timestamp = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                href = ReadData(ref reader, summary) ?? href;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type is null || timestamp is null)
        {
            return $"events[{index}] needs a numeric \"type\" and a numeric \"timestamp\".";
        }

        summary.Add((int)type.Value, (long)timestamp.Value, offset, type == MetaEventType ? href : null);
        return null;
    }

    private static double? ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        reader.Skip();
        return null;
    }

    /// <summary>Reads <c>data.href</c> (what a Meta event says the page is) and notes the large strings in the rest of data.</summary>
    private static string? ReadData(ref Utf8JsonReader reader, EventsSummary summary)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Walk(ref reader, summary);
            return null;
        }

        string? href = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isHref = reader.ValueTextEquals("href"u8);
            reader.Read();
            if (isHref && reader.TokenType == JsonTokenType.String)
            {
                href = reader.GetString();
            }

            Walk(ref reader, summary);
        }

        return href;
    }

    /// <summary>Reads past a value as <see cref="Utf8JsonReader.Skip"/> would, noting its large strings.</summary>
    private static void Walk(ref Utf8JsonReader reader, EventsSummary summary)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            summary.Note(ref reader);
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            summary.Note(ref reader);
        }
    }

    private static (AppendBatch?, IngestProblem?) Fail(string detail) => (null, IngestProblem.BadRequest(detail));

    private sealed class EventsSummary
    {
        public int Count { get; private set; }
        public ReadOnlyMemory<byte> Json { get; set; }
        public List<string> PageUrls { get; } = [];

        /// <summary>Where the first event starts in the body: offsets below are into <see cref="Json"/>, which starts there.</summary>
        public int Start { get; set; }

        /// <summary>String values of at least <see cref="LargeStrings.MinimumBytes"/>.</summary>
        public List<TokenRange> LargeStrings { get; } = [];

        /// <summary>The full snapshot events.</summary>
        public List<TokenRange> FullSnapshots { get; } = [];

        public long? MinTimestamp { get; private set; }
        public long? MaxTimestamp { get; private set; }

        /// <summary>Where the last full snapshot starts in <see cref="Json"/>: at its Meta event when one comes right before it.</summary>
        public int? SnapshotOffset { get; private set; }

        /// <summary>Notes the token the reader is on if it is a large string value (its raw bytes and quotes).</summary>
        public void Note(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length + 2 >= Silo.Storage.LargeStrings.MinimumBytes)
            {
                LargeStrings.Add(new TokenRange((int)reader.TokenStartIndex - Start, reader.ValueSpan.Length + 2));
            }
        }

        private int _lastMetaIndex = -1;
        private (int Type, int Offset) _current;
        private int _lastMetaOffset;

        /// <summary>The event <see cref="Add"/> was last given ends <paramref name="end"/> bytes into the events.</summary>
        public void EndEvent(int end)
        {
            if (_current.Type == FullSnapshotEventType)
            {
                FullSnapshots.Add(new TokenRange(_current.Offset, end - _current.Offset));
            }
        }

        public void Add(int type, long timestamp, int offset, string? pageUrl)
        {
            _current = (type, offset);
            if (type == MetaEventType)
            {
                (_lastMetaIndex, _lastMetaOffset) = (Count, offset);
            }
            else if (type == FullSnapshotEventType)
            {
                SnapshotOffset = _lastMetaIndex == Count - 1 ? _lastMetaOffset : offset;
            }

            Count++;
            MinTimestamp = MinTimestamp is null ? timestamp : Math.Min(MinTimestamp.Value, timestamp);
            MaxTimestamp = MaxTimestamp is null ? timestamp : Math.Max(MaxTimestamp.Value, timestamp);
            if (pageUrl is not null)
            {
                PageUrls.Add(pageUrl);
            }
        }
    }
}
