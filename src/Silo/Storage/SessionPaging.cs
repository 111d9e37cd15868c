namespace SessionKit.Silo.Storage;

/// <summary>
/// The keyset paging every store shares: the limit's bounds, the cursor, and a page from rows fetched one
/// beyond the limit (the extra row tells that a next page exists without counting).
/// </summary>
internal static class SessionPaging
{
    public const int MinLimit = 1;
    public const int MaxLimit = 200;

    public static int ClampLimit(int limit) => Math.Clamp(limit, MinLimit, MaxLimit);

    /// <summary>Where the requested page starts; null for the first page.</summary>
    /// <exception cref="ArgumentException">The cursor is malformed.</exception>
    public static SessionCursor? After(SessionQuery query) =>
        string.IsNullOrEmpty(query.Cursor) ? null : SessionCursor.Decode(query.Cursor);

    /// <summary>
    /// The page from up to <c>ClampLimit(limit) + 1</c> rows in list order; <paramref name="scores"/> are the rows'
    /// frustration scores when the list is sorted by them.
    /// </summary>
    public static SessionPage ToPage(List<SessionRecord> rows, int limit, IReadOnlyList<int>? scores = null)
    {
        limit = ClampLimit(limit);
        if (rows.Count <= limit)
        {
            return new SessionPage(rows, NextCursor: null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return new SessionPage(rows, SessionCursor.After(rows[^1], scores?[limit - 1]).Encode());
    }
}
