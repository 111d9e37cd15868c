using System.Text.Json;
using System.Text.RegularExpressions;
using SessionKit.Grains.Sessions;

namespace SessionKit.Api.Ingest;

public sealed record ScreenSize(int Width, int Height);

/// <summary>The body of <c>POST /api/v1/sessions/</c>; every field optional.</summary>
public sealed partial record StartSessionRequest(
    string? Id,
    string? VisitorId,
    string? TabId,
    string? Url,
    string? Referrer,
    string? UserAgent,
    ScreenSize? Screen,
    JsonElement? StartedAt)
{
    private const int MaxTextLength = 8192;
    private const int MaxIdLength = 128;

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex SessionIdPattern();

    /// <summary>The validated command, or what is wrong with the request.</summary>
    public (StartSession? Command, string? Error) ToCommand(string projectId, DateTimeOffset now)
    {
        if (Id is not null && !SessionIdPattern().IsMatch(Id))
        {
            return (null, "\"id\" must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'.");
        }

        var lengthError = TooLong(VisitorId, MaxIdLength) ?? TooLong(TabId, MaxIdLength)
            ?? TooLong(Url, MaxTextLength) ?? TooLong(Referrer, MaxTextLength) ?? TooLong(UserAgent, MaxTextLength);
        if (lengthError is not null)
        {
            return (null, lengthError);
        }

        if (Screen is { } screen && (screen.Width is < 0 or > 100_000 || screen.Height is < 0 or > 100_000))
        {
            return (null, "\"screen\" width and height must be between 0 and 100000.");
        }

        if (!TryReadStartedAt(now, out var startedAt))
        {
            return (null, "\"startedAt\" must be an ISO 8601 time or Unix milliseconds.");
        }

        return (new StartSession(projectId, VisitorId, TabId, Url, Referrer, UserAgent, Screen?.Width, Screen?.Height, startedAt), null);
    }

    private bool TryReadStartedAt(DateTimeOffset now, out DateTimeOffset startedAt)
    {
        startedAt = now;
        if (StartedAt is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms is > 0 and < 253402300799999)
        {
            startedAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out startedAt);
    }

    private static string? TooLong(string? value, int max) =>
        value is not null && value.Length > max ? $"A field is longer than {max} characters." : null;
}
