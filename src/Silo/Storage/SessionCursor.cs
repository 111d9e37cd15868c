using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Keyset position in a newest-first session list: the last row's start (Unix ms) and id, as
/// base64url of "startedAtMs:id". Opaque to clients, and free of anything storage-specific. A list sorted by
/// frustration score also carries the last row's score ("score/startedAtMs:id").
/// </summary>
internal sealed record SessionCursor(long StartedAtMs, string Id, int? Score = null)
{
    public static SessionCursor After(SessionRecord session, int? score = null) => new(session.StartedAt.ToUnixTimeMilliseconds(), session.Id, score);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Score is { } score
            ? string.Create(CultureInfo.InvariantCulture, $"{score}/{StartedAtMs}:{Id}")
            : string.Create(CultureInfo.InvariantCulture, $"{StartedAtMs}:{Id}")));

    /// <exception cref="ArgumentException">The cursor was not produced by <see cref="Encode"/>.</exception>
    public static SessionCursor Decode(string cursor)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new ArgumentException("The cursor is malformed.", nameof(cursor), exception);
        }

        // Ids may contain ':'; the number before the first one may not.
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        var slash = separator <= 0 ? -1 : text.IndexOf('/', 0, separator);
        int? score = null;
        if (slash > 0 && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedScore))
        {
            score = parsedScore;
        }
        else if (slash >= 0)
        {
            throw new ArgumentException("The cursor is malformed.", nameof(cursor));
        }

        if (separator <= 0
            || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(slash + 1, separator - slash - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var startedAtMs))
        {
            throw new ArgumentException("The cursor is malformed.", nameof(cursor));
        }

        return new SessionCursor(startedAtMs, text[(separator + 1)..], score);
    }
}
