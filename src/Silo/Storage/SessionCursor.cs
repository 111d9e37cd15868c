using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Keyset position in a newest-first session list: the last row's start (Unix ms) and id, as
/// base64url of "startedAtMs:id". Opaque to clients, and free of anything storage-specific.
/// </summary>
internal sealed record SessionCursor(long StartedAtMs, string Id)
{
    public static SessionCursor After(SessionRecord session) => new(session.StartedAt.ToUnixTimeMilliseconds(), session.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{StartedAtMs}:{Id}")));

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
        if (separator <= 0
            || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var startedAtMs))
        {
            throw new ArgumentException("The cursor is malformed.", nameof(cursor));
        }

        return new SessionCursor(startedAtMs, text[(separator + 1)..]);
    }
}
