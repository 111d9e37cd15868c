namespace SessionKit.Api.Sessions;

/// <summary>Parses the session list's person filters.</summary>
public static class SessionListFilters
{
    /// <summary>
    /// <c>trait=name:value</c>: the first ':' separates them, so a value may hold more; an absent filter is
    /// valid (both null), an empty name is not.
    /// </summary>
    public static bool TryParseTrait(string? trait, out string? name, out string? value)
    {
        (name, value) = (null, null);
        if (string.IsNullOrEmpty(trait))
        {
            return true;
        }

        var colon = trait.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        (name, value) = (trait[..colon], trait[(colon + 1)..]);
        return true;
    }
}
