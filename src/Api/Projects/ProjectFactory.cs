using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Projects;

/// <summary>Makes new projects: a readable id from the name, and an unguessable ingest key.</summary>
public static partial class ProjectFactory
{
    public const string DefaultProjectId = "default";

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();

    public static ProjectRecord Create(string id, string name, IReadOnlyList<string> allowedOrigins, DateTimeOffset now) =>
        new(id, name, NewIngestKey(), allowedOrigins, now);

    /// <summary>A slug of the name with a random suffix, so two projects of one name never collide.</summary>
    public static string NewId(string name)
    {
        var slug = NonSlugCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }

        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return slug.Length == 0 ? $"project-{suffix}" : $"{slug}-{suffix}";
    }

    private static string NewIngestKey() =>
        "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Origins normalised to scheme://host[:port]; null with a message when one is not an origin.</summary>
    public static (IReadOnlyList<string>? Origins, string? Error) NormaliseOrigins(IReadOnlyList<string?>? origins)
    {
        var result = new List<string>();
        foreach (var origin in origins ?? [])
        {
            // JSON binding lets null through as an element of a list of strings.
            if (origin is null)
            {
                return (null, "\"allowedOrigins\" must be a list of origins such as [\"https://shop.example.com\"]; it holds a null.");
            }

            if (origin == "*")
            {
                result.Add(origin);
                continue;
            }

            if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (null, $"'{origin}' is not an origin such as https://shop.example.com.");
            }

            result.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return (result.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), null);
    }

    /// <summary>Private trait names, trimmed and without repeats; null (keep the stored ones) when absent.</summary>
    public static (IReadOnlyList<string>? Traits, string? Error) NormalisePrivateTraits(IReadOnlyList<string?>? names)
    {
        if (names is null)
        {
            return (null, null);
        }

        var trimmed = names.Select(name => name?.Trim()).ToList();
        if (trimmed.Count > 50 || trimmed.Any(name => name is not { Length: > 0 and <= 64 }))
        {
            return (null, "\"privateTraits\" must be at most 50 trait names of 1 to 64 characters.");
        }

        return ([.. trimmed.Distinct(StringComparer.OrdinalIgnoreCase)!], null);
    }
}
