using System.Text.Json;

namespace SessionKit.Grains.Signals;

/// <summary>
/// What the evaluator remembers of one recorded DOM node: enough to name it and to find the link, button or
/// form around it. Text is kept short and only as recorded, so it is masked exactly like the recording.
/// The node map stores it packed (<see cref="NodeTable"/>) and hands out copies.
/// </summary>
internal sealed class DomNode
{
    public const int MaxTextLength = 60;

    public int ParentId { get; set; } = -1;

    /// <summary>Lower-case tag name; "#text" for a text node, "#other" for anything else.</summary>
    public required string Tag { get; init; }

    public string? ElementId { get; set; }
    public string? Classes { get; set; }
    public string? Role { get; set; }
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? AriaLabel { get; set; }
    public bool HasHref { get; set; }

    /// <summary>A link that opens elsewhere (another tab, a mail or phone app): nothing changes on this page, rightly.</summary>
    public bool OpensElsewhere { get; set; }

    /// <summary>For a text node its text; for an element the first text inside it; both cut to <see cref="MaxTextLength"/>.</summary>
    public string? Text { get; set; }

    public bool IsElement => Tag[0] != '#';

    public void SetAttribute(string name, string? value)
    {
        switch (name)
        {
            case "id": ElementId = Clean(value); break;
            case "class": Classes = Clean(value); break;
            case "role": Role = Clean(value)?.ToLowerInvariant(); break;
            case "type": Type = Clean(value)?.ToLowerInvariant(); break;
            case "name": Name = Clean(value); break;
            case "aria-label": AriaLabel = Clean(value); break;
            case "href":
                HasHref = value is not null;
                OpensElsewhere |= value is not null && (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase));
                break;
            case "target": OpensElsewhere |= value is not null && value != "_self"; break;
            case "download": OpensElsewhere |= value is not null; break;
            // A button-like input shows its value as its label; other inputs' values are the visitor's
            // (masked by the recorder anyway) and are never used.
            case "value" when Tag == "input" && Type is "submit" or "button" or "reset": AriaLabel ??= Clean(value); break;
        }
    }

    /// <summary>The name <see cref="SetAttribute"/> knows the attribute by, or null for an attribute it never reads; allocates nothing.</summary>
    public static string? ReadName(JsonProperty attribute)
    {
        foreach (var (utf8, name) in ReadAttributes)
        {
            if (attribute.NameEquals(utf8))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The property name the reader is on, as <see cref="ReadName(JsonProperty)"/> reads an attribute's.</summary>
    public static string? ReadName(ref Utf8JsonReader reader)
    {
        foreach (var (utf8, name) in ReadAttributes)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return name;
            }
        }

        return null;
    }

    private static readonly (byte[] Utf8, string Name)[] ReadAttributes =
        [.. new[] { "id", "class", "role", "type", "name", "aria-label", "href", "target", "download", "value" }.Select(name => (System.Text.Encoding.UTF8.GetBytes(name), name))];

    /// <summary>
    /// Whitespace collapsed and cut, so labels read well and stay small. Reads only as far as the cut: a style
    /// sheet's text (hundreds of KB in a snapshot) costs no more than a button's.
    /// </summary>
    public static string? Clean(string? value) => value is null ? null : Clean(value.AsSpan());

    /// <inheritdoc cref="Clean(string?)"/>
    public static string? Clean(ReadOnlySpan<char> value)
    {
        Span<char> collapsed = stackalloc char[MaxTextLength];
        var written = 0;
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                space = written > 0;
                continue;
            }

            if (space)
            {
                collapsed[written++] = ' ';
                space = false;
                if (written == MaxTextLength)
                {
                    break;
                }
            }

            collapsed[written++] = c;
            if (written == MaxTextLength)
            {
                break;
            }
        }

        return written == 0 ? null : new string(collapsed[..written]);
    }
}
