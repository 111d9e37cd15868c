using System.Text;
using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Builds the newest-first page query for a <see cref="SessionQuery"/>. Only the filters in use become
/// conditions, so each combination gets a plan that walks the (project, started_at, id) index.
/// </summary>
internal static class SessionListCommand
{
    /// <summary>A command selecting one row more than the page holds; the extra row tells a next page exists.</summary>
    public static NpgsqlCommand Create(NpgsqlDataSource dataSource, SessionQuery query, SessionCursor? after)
    {
        var sql = new StringBuilder($"SELECT {SessionRows.Columns}, {SessionScoreSql.Score} FROM sessions WHERE project_id = @project_id");
        var command = dataSource.CreateCommand().With("project_id", query.ProjectId);

        if (query.StartedFrom is { } from)
        {
            sql.Append(" AND started_at >= @started_from");
            command.WithInstant("started_from", from);
        }

        if (query.StartedTo is { } to)
        {
            sql.Append(" AND started_at < @started_to");
            command.WithInstant("started_to", to);
        }

        if (query.MinDurationMs is { } minDuration)
        {
            sql.Append(" AND duration_ms >= @min_duration_ms");
            command.With("min_duration_ms", minDuration);
        }

        if (!string.IsNullOrEmpty(query.UrlContains))
        {
            sql.Append("""
                 AND (first_url ILIKE @url_pattern ESCAPE '\'
                      OR EXISTS (SELECT 1 FROM unnest(pages) AS page WHERE page ILIKE @url_pattern ESCAPE '\'))
                """);
            command.With("url_pattern", $"%{EscapeLike(query.UrlContains)}%");
        }

        SessionFilterSql.Append(sql, query, '@', (name, value) => command.With(name[1..], value));

        if (after is not null)
        {
            // A row comparison, which PostgreSQL turns into one index range rather than an OR of two.
            sql.Append(query.ByScore
                ? $" AND ({SessionScoreSql.Score}, started_at, id) < (@after_score, @after_started_at, @after_id)"
                : " AND (started_at, id) < (@after_started_at, @after_id)");
            command.WithInstant("after_started_at", DateTimeOffset.FromUnixTimeMilliseconds(after.StartedAtMs))
                .With("after_id", after.Id)
                .With("after_score", after.Score ?? 0);
        }

        sql.Append(query.ByScore ? $" ORDER BY {SessionScoreSql.Score} DESC, started_at DESC, id DESC LIMIT @limit" : " ORDER BY started_at DESC, id DESC LIMIT @limit");
        command.With("limit", SessionPaging.ClampLimit(query.Limit) + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
