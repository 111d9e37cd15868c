using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>How a <see cref="SessionRecord"/> maps onto the sessions table, in one place.</summary>
internal static class SessionRows
{
    private static readonly string[] ColumnNames =
    [
        "id", "project_id", "visitor_id", "tab_id", "user_agent", "referrer", "screen_width", "screen_height", "first_url",
        "pages", "started_at", "last_activity_at", "ended_at", "first_event_at", "last_event_at", "duration_ms",
        "event_count", "byte_size", "batch_count", "seq_floor", "seqs_above_floor", "next_ordinal", "live_consent",
        "seq_holes", "seq_unknown_through",
    ];

    /// <summary>Every column, in the order <see cref="Read"/> expects.</summary>
    public static readonly string Columns = string.Join(", ", ColumnNames);

    private static readonly string Values = string.Join(", ", ColumnNames.Select(column => "@" + column));

    public static readonly string InsertIfAbsentSql =
        $"INSERT INTO sessions ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO NOTHING";

    /// <summary>
    /// Inserts the row, or replaces it only if its stored next ordinal is still @expected_next_ordinal:
    /// otherwise another writer (an activation of the session on another node) wrote it since this one read
    /// it, and the statement raises a unique violation, which rolls back its whole batch and reaches the
    /// caller as a <see cref="StorageConflictException"/>. Generated from the column list, so a new column
    /// cannot be inserted yet forgotten on update.
    /// </summary>
    public static readonly string UpsertSql = $"""
        WITH written AS (
            INSERT INTO sessions ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO UPDATE SET
            {string.Join(", ", ColumnNames.Skip(1).Select(column => $"{column} = EXCLUDED.{column}"))}
            WHERE sessions.next_ordinal = @expected_next_ordinal
            RETURNING 1
        )
        SELECT CASE WHEN EXISTS (SELECT 1 FROM written) THEN 0
            ELSE sessionkit_refuse_conflict('the session was written by another activation since this one read it') END
        """;

    public static string StaleMessage(string sessionId) =>
        $"Session {sessionId} was written by another activation since this one read it, or already has that batch or chunk.";

    /// <summary>The conditional upsert (see <see cref="UpsertSql"/>) as one statement of a batch.</summary>
    public static NpgsqlBatchCommand Upsert(SessionRecord session, long expectedNextOrdinal)
    {
        var command = new NpgsqlBatchCommand(UpsertSql);
        Bind(command.Parameters, session).With("expected_next_ordinal", expectedNextOrdinal);
        return command;
    }

    public static NpgsqlParameterCollection Bind(NpgsqlParameterCollection parameters, SessionRecord session) => parameters
        .With("id", session.Id)
        .With("project_id", session.ProjectId)
        .With("visitor_id", session.VisitorId)
        .With("tab_id", session.TabId)
        .With("user_agent", session.UserAgent)
        .With("referrer", session.Referrer)
        .With("screen_width", session.ScreenWidth)
        .With("screen_height", session.ScreenHeight)
        .With("first_url", session.FirstUrl)
        .With("pages", session.Pages.ToArray())
        .WithInstant("started_at", session.StartedAt)
        .WithInstant("last_activity_at", session.LastActivityAt)
        .WithInstant("ended_at", session.EndedAt)
        .With("first_event_at", session.FirstEventAt)
        .With("last_event_at", session.LastEventAt)
        .With("duration_ms", session.DurationMs)
        .With("event_count", session.EventCount)
        .With("byte_size", session.ByteSize)
        .With("batch_count", session.BatchCount)
        .With("seq_floor", session.SeqFloor)
        .With("seqs_above_floor", session.SeqsAboveFloor.ToArray())
        .With("next_ordinal", session.NextOrdinal)
        .With("live_consent", session.LiveConsentGranted)
        .WithJsonb("seq_holes", PostgresJson.Write(session.SeqHoles))
        .With("seq_unknown_through", session.SeqUnknownThrough);

    public static SessionRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ProjectId = reader.GetString(1),
        VisitorId = reader.GetNullableString(2),
        TabId = reader.GetNullableString(3),
        UserAgent = reader.GetNullableString(4),
        Referrer = reader.GetNullableString(5),
        ScreenWidth = reader.GetNullableInt32(6),
        ScreenHeight = reader.GetNullableInt32(7),
        FirstUrl = reader.GetNullableString(8),
        Pages = reader.GetFieldValue<string[]>(9),
        StartedAt = reader.GetInstant(10),
        LastActivityAt = reader.GetInstant(11),
        EndedAt = reader.GetNullableInstant(12),
        FirstEventAt = reader.GetNullableInt64(13),
        LastEventAt = reader.GetNullableInt64(14),
        DurationMs = reader.GetInt64(15),
        EventCount = reader.GetInt64(16),
        ByteSize = reader.GetInt64(17),
        BatchCount = reader.GetInt64(18),
        SeqFloor = reader.GetInt64(19),
        SeqsAboveFloor = reader.GetFieldValue<long[]>(20),
        NextOrdinal = reader.GetInt64(21),
        LiveConsentGranted = reader.GetNullableBoolean(22),
        SeqHoles = PostgresJson.ReadSeqRanges(reader.GetString(23)),
        SeqUnknownThrough = reader.GetInt64(24),
    };
}
