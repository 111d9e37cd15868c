using System.Text.Json;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// Finds SessionKit's own rrweb custom events (type 5) in a batch: <c>sessionkit/identify</c>
/// <c>{ userId, traits }</c> and <c>sessionkit/tab</c> <c>{ kind, tabId }</c>. They travel inside the event
/// stream so they keep their order and survive the SDK's offline queue. Anything malformed is ignored: the
/// events are stored as sent either way, this only decides what the visitor grain hears.
/// </summary>
public static class VisitorSignals
{
    public const string IdentifyTag = "sessionkit/identify";
    public const string TabTag = "sessionkit/tab";

    private const int CustomEventType = 5;
    private const int MaxUserIdLength = 256;
    private const int MaxTraits = 50;
    private const int MaxTraitNameLength = 64;
    private const int MaxTraitValueLength = 1024;

    /// <summary>The identifies and tab announcements of a batch (<c>EventsJson</c>: events joined by commas, no brackets).</summary>
    public static (IReadOnlyList<Identified> Identifies, IReadOnlyList<TabAnnounced> Tabs) Read(ReadOnlySpan<byte> eventsJson, string? sessionTabId)
    {
        // Almost no batch has one: skip the parse unless the tag prefix occurs at all.
        if (eventsJson.IndexOf("sessionkit/"u8) < 0)
        {
            return ([], []);
        }

        var identifies = new List<Identified>();
        var tabs = new List<TabAnnounced>();
        var array = new byte[eventsJson.Length + 2];
        (array[0], array[^1]) = ((byte)'[', (byte)']');
        eventsJson.CopyTo(array.AsSpan(1));
        using var document = JsonDocument.Parse(array, new JsonDocumentOptions { MaxDepth = 512 });
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (!IsCustomEvent(item, out var timestamp, out var tag, out var payload))
            {
                continue;
            }

            if (tag == IdentifyTag && ReadIdentify(payload, timestamp) is { } identified)
            {
                identifies.Add(identified);
            }
            else if (tag == TabTag && ReadTab(payload, timestamp, sessionTabId) is { } tab)
            {
                tabs.Add(tab);
            }
        }

        return (identifies, tabs);
    }

    private static bool IsCustomEvent(JsonElement item, out long timestamp, out string? tag, out JsonElement payload)
    {
        (timestamp, tag, payload) = (0, null, default);
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("type", out var type) || !type.TryGetInt32(out var typeValue) || typeValue != CustomEventType
            || !item.TryGetProperty("timestamp", out var time) || !time.TryGetInt64(out timestamp)
            || !item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("tag", out var tagElement) || tagElement.ValueKind != JsonValueKind.String
            || !data.TryGetProperty("payload", out payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        tag = tagElement.GetString();
        return true;
    }

    private static Identified? ReadIdentify(JsonElement payload, long timestamp)
    {
        if (!payload.TryGetProperty("userId", out var userIdElement) || userIdElement.ValueKind != JsonValueKind.String
            || userIdElement.GetString() is not { Length: > 0 and <= MaxUserIdLength } userId)
        {
            return null;
        }

        var traits = new Dictionary<string, string>(StringComparer.Ordinal);
        if (payload.TryGetProperty("traits", out var traitsElement) && traitsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var trait in traitsElement.EnumerateObject())
            {
                if (traits.Count < MaxTraits && trait.Name.Length is > 0 and <= MaxTraitNameLength
                    && TraitText(trait.Value) is { Length: <= MaxTraitValueLength } text)
                {
                    traits[trait.Name] = text;
                }
            }
        }

        return new Identified(userId, traits, timestamp);
    }

    /// <summary>Traits are kept as text, so lists can filter on them alike in every database; nested values are not traits.</summary>
    private static string? TraitText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static TabAnnounced? ReadTab(JsonElement payload, long timestamp, string? sessionTabId)
    {
        if (!payload.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
            || kindElement.GetString() is not { } kind || !Silo.Storage.TabActivityKinds.IsKnown(kind))
        {
            return null;
        }

        var tabId = payload.TryGetProperty("tabId", out var tabElement) && tabElement.ValueKind == JsonValueKind.String
            ? tabElement.GetString()
            : null;
        return (tabId ?? sessionTabId) is { Length: > 0 and <= 128 } id ? new TabAnnounced(id, kind, timestamp) : null;
    }
}
