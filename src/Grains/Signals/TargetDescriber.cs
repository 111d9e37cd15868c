using System.Text;

namespace SessionKit.Grains.Signals;

/// <summary>Names recorded elements the way a developer would look for them: a short selector and the text a visitor saw.</summary>
internal static class TargetDescriber
{
    /// <summary>How far up from the clicked node a link, button or input is looked for (a click often lands on an icon inside one).</summary>
    public const int ClickableLevels = 5;

    private const int MaxClasses = 2;

    public static bool IsClickable(DomNode node) => node.Tag switch
    {
        "a" => node.HasHref,
        "button" or "select" or "summary" => true,
        "input" => node.Type is "button" or "submit" or "reset" or "image" or "checkbox" or "radio",
        _ => node.Role is "button" or "link" or "checkbox" or "tab" or "menuitem" or "switch",
    };

    public static bool IsSubmit(DomNode node) =>
        (node.Tag == "button" && node.Type is null or "submit") || (node.Tag == "input" && node.Type is "submit" or "image");

    public static SignalTarget? Describe(NodeMap nodes, int id)
    {
        var found = nodes.Closest(id, ClickableLevels, IsClickable) ?? nodes.Closest(id, 1, node => node.IsElement);
        if (found is not { } target)
        {
            return null;
        }

        var selector = Part(target.Node);
        if (target.Node.ElementId is null && nodes.Get(target.Node.ParentId) is { IsElement: true } parent)
        {
            selector = Part(parent) + " > " + selector;
        }

        return new SignalTarget(selector, target.Node.AriaLabel ?? (target.Node.Tag == "input" ? null : target.Node.Text));
    }

    public static string Part(DomNode node)
    {
        var part = new StringBuilder(node.Tag);
        if (node.ElementId is not null)
        {
            return part.Append('#').Append(node.ElementId).ToString();
        }

        if (node.Classes is not null)
        {
            foreach (var name in node.Classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxClasses))
            {
                part.Append('.').Append(name);
            }
        }

        if (node.Name is not null)
        {
            part.Append("[name=\"").Append(node.Name).Append("\"]");
        }

        return part.ToString();
    }

    /// <summary>"'Pay now'" when the target has text, else its selector: for explanations.</summary>
    public static string Label(SignalTarget? target) =>
        target is null ? "an unknown element" : target.Text is { } text ? $"'{text}'" : target.Selector;
}
