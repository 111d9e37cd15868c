using System.Text;
using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// Builds the newest-first page query for a <see cref="SessionQuery"/>. Only the filters in use
/// become SQL conditions, so each combination gets a plan that walks the (project, started_at, id) index.
/// </summary>
internal static class SessionListCommand
{
    /// <summary>A command selecting one row more than the page holds; the extra row tells a next page exists.</summary>
    public static SqliteCommand Create(SqliteConnection connection, SessionQuery query, SessionCursor? after)
    {
        var sql = new StringBuilder($"SELECT {SessionRows.Columns}, {SessionScoreSql.Score} FROM sessions WHERE project_id = $project_id");
        var command = connection.CreateCommand().With("$project_id", query.ProjectId);

        if (query.StartedFrom is { } from)
        {
            sql.Append(" AND started_at >= $started_from");
            command.With("$started_from", UnixTime.ToMs(from));
        }

        if (query.StartedTo is { } to)
        {
            sql.Append(" AND started_at < $started_to");
            command.With("$started_to", UnixTime.ToMs(to));
        }

        if (query.MinDurationMs is { } minDuration)
        {
            sql.Append(" AND duration_ms >= $min_duration_ms");
            command.With("$min_duration_ms", minDuration);
        }

        if (!string.IsNullOrEmpty(query.UrlContains))
        {
            // LIKE folds ASCII case only, which suffices: URLs as browsers report them are ASCII
            // (hosts in punycode, the rest percent-encoded).
            sql.Append("""
                 AND (first_url LIKE $url_pattern ESCAPE '\'
                      OR EXISTS (SELECT 1 FROM json_each(sessions.pages) WHERE json_each.value LIKE $url_pattern ESCAPE '\'))
                """);
            command.With("$url_pattern", $"%{EscapeLike(query.UrlContains)}%");
        }

        SessionFilterSql.Append(sql, query, '$', (name, value) => command.With(name, value));

        if (after is not null && query.ByScore)
        {
            sql.Append($"""
                 AND ({SessionScoreSql.Score} < $after_score OR ({SessionScoreSql.Score} = $after_score
                      AND (started_at < $after_started_at OR (started_at = $after_started_at AND id < $after_id))))
                """);
            command.With("$after_score", after.Score ?? 0).With("$after_started_at", after.StartedAtMs).With("$after_id", after.Id);
        }
        else if (after is not null)
        {
            sql.Append(" AND (started_at < $after_started_at OR (started_at = $after_started_at AND id < $after_id))");
            command.With("$after_started_at", after.StartedAtMs).With("$after_id", after.Id);
        }

        sql.Append(query.ByScore ? $" ORDER BY {SessionScoreSql.Score} DESC, started_at DESC, id DESC LIMIT $limit" : " ORDER BY started_at DESC, id DESC LIMIT $limit");
        command.With("$limit", SessionPaging.ClampLimit(query.Limit) + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
