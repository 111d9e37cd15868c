namespace SessionKit.Silo.Storage;

/// <summary>The SQL both stores use to filter and sort session lists by frustration signals (the same in SQLite and PostgreSQL).</summary>
internal static class SessionScoreSql
{
    /// <summary>A session's frustration score, 0 without signals. A subquery, not a join: the session columns stay unambiguous.</summary>
    public const string Score = "COALESCE((SELECT score FROM session_scores WHERE session_scores.session_id = sessions.id), 0)";

    /// <summary>True when the session has a signal of the parameter's type.</summary>
    public static string HasSignal(string parameter) =>
        $"EXISTS (SELECT 1 FROM session_signals WHERE session_signals.session_id = sessions.id AND session_signals.type = {parameter})";
}
