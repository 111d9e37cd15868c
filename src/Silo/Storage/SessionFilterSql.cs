using System.Text;

namespace SessionKit.Silo.Storage;

/// <summary>
/// The session-list conditions both stores write alike (device visitor, person, trait, frustration score,
/// signal type): one text for SQLite and PostgreSQL, only the parameter marker differs.
/// </summary>
internal static class SessionFilterSql
{
    /// <param name="marker">How the store's SQL names a parameter: '$' (SQLite) or '@' (PostgreSQL).</param>
    /// <param name="bind">Adds a parameter, named as the SQL names it.</param>
    public static void Append(StringBuilder sql, SessionQuery query, char marker, Action<string, object> bind)
    {
        if (!string.IsNullOrEmpty(query.VisitorId))
        {
            sql.Append($" AND visitor_id = {marker}visitor_id");
            bind($"{marker}visitor_id", query.VisitorId);
        }

        if (!string.IsNullOrEmpty(query.UserId))
        {
            sql.Append($" AND id IN (SELECT session_id FROM session_links WHERE project_id = {marker}project_id AND user_id = {marker}user_id)");
            bind($"{marker}user_id", query.UserId);
        }

        if (query.TraitName is { Length: > 0 } traitName && query.TraitValue is { } traitValue)
        {
            sql.Append($"""
                 AND id IN (SELECT link.session_id FROM session_links AS link
                            JOIN person_traits AS trait ON trait.project_id = link.project_id AND trait.user_id = link.user_id
                            WHERE link.project_id = {marker}project_id AND trait.name = {marker}trait_name AND trait.value = {marker}trait_value)
                """);
            bind($"{marker}trait_name", traitName);
            bind($"{marker}trait_value", traitValue);
        }

        if (query.MinScore is { } minScore)
        {
            sql.Append($" AND {SessionScoreSql.Score} >= {marker}min_score");
            bind($"{marker}min_score", minScore);
        }

        if (!string.IsNullOrEmpty(query.SignalType))
        {
            sql.Append(" AND ").Append(SessionScoreSql.HasSignal($"{marker}signal_type"));
            bind($"{marker}signal_type", query.SignalType);
        }
    }
}
