using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>How a <see cref="SessionRecord"/> maps onto the sessions table, in one place.</summary>
internal static class SessionRows
{
    /// <summary>Every column, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = """
        id, project_id, visitor_id, tab_id, user_agent, referrer, screen_width, screen_height, first_url, pages,
        started_at, last_activity_at, ended_at, first_event_at, last_event_at, duration_ms, event_count, byte_size,
        batch_count, seq_floor, seqs_above_floor, next_ordinal, live_consent, seq_holes, seq_unknown_through
        """;

    private const string Values = """
        $id, $project_id, $visitor_id, $tab_id, $user_agent, $referrer, $screen_width, $screen_height, $first_url, $pages,
        $started_at, $last_activity_at, $ended_at, $first_event_at, $last_event_at, $duration_ms, $event_count, $byte_size,
        $batch_count, $seq_floor, $seqs_above_floor, $next_ordinal, $live_consent, $seq_holes, $seq_unknown_through
        """;

    public const string InsertIfAbsentSql = $"INSERT INTO sessions ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO NOTHING";

    public const string UpsertSql = $"""
        INSERT INTO sessions ({Columns}) VALUES ({Values})
        ON CONFLICT (id) DO UPDATE SET
            project_id = excluded.project_id, visitor_id = excluded.visitor_id, tab_id = excluded.tab_id,
            user_agent = excluded.user_agent, referrer = excluded.referrer, screen_width = excluded.screen_width,
            screen_height = excluded.screen_height, first_url = excluded.first_url, pages = excluded.pages,
            started_at = excluded.started_at, last_activity_at = excluded.last_activity_at,
            ended_at = excluded.ended_at, first_event_at = excluded.first_event_at,
            last_event_at = excluded.last_event_at, duration_ms = excluded.duration_ms,
            event_count = excluded.event_count, byte_size = excluded.byte_size, batch_count = excluded.batch_count,
            seq_floor = excluded.seq_floor, seqs_above_floor = excluded.seqs_above_floor,
            next_ordinal = excluded.next_ordinal, live_consent = excluded.live_consent,
            seq_holes = excluded.seq_holes, seq_unknown_through = excluded.seq_unknown_through
        WHERE sessions.next_ordinal = $expected_next_ordinal
        """;

    public static SqliteCommand BindSession(this SqliteCommand command, SessionRecord session) => command
        .With("$id", session.Id)
        .With("$project_id", session.ProjectId)
        .With("$visitor_id", session.VisitorId)
        .With("$tab_id", session.TabId)
        .With("$user_agent", session.UserAgent)
        .With("$referrer", session.Referrer)
        .With("$screen_width", session.ScreenWidth)
        .With("$screen_height", session.ScreenHeight)
        .With("$first_url", session.FirstUrl)
        .With("$pages", SqliteJson.Write(session.Pages))
        .With("$started_at", UnixTime.ToMs(session.StartedAt))
        .With("$last_activity_at", UnixTime.ToMs(session.LastActivityAt))
        .With("$ended_at", UnixTime.ToMs(session.EndedAt))
        .With("$first_event_at", session.FirstEventAt)
        .With("$last_event_at", session.LastEventAt)
        .With("$duration_ms", session.DurationMs)
        .With("$event_count", session.EventCount)
        .With("$byte_size", session.ByteSize)
        .With("$batch_count", session.BatchCount)
        .With("$seq_floor", session.SeqFloor)
        .With("$seqs_above_floor", SqliteJson.Write(session.SeqsAboveFloor))
        .With("$next_ordinal", session.NextOrdinal)
        .With("$live_consent", session.LiveConsentGranted)
        .With("$seq_holes", SqliteJson.Write(session.SeqHoles))
        .With("$seq_unknown_through", session.SeqUnknownThrough);

    /// <summary>
    /// Inserts the session's row, or replaces it if its stored next ordinal is still
    /// <paramref name="expectedNextOrdinal"/>: otherwise another writer (an activation of the session on
    /// another node) wrote it since this one read it, and the write is refused.
    /// </summary>
    /// <exception cref="StorageConflictException">The stored row moved on.</exception>
    public static void Upsert(SqliteTransaction transaction, SessionRecord session, long expectedNextOrdinal)
    {
        using var command = transaction.CreateCommand(UpsertSql).BindSession(session).With("$expected_next_ordinal", expectedNextOrdinal);
        if (command.ExecuteNonQuery() == 0)
        {
            throw new StorageConflictException(StaleMessage(session.Id), innerException: null);
        }
    }

    public static string StaleMessage(string sessionId) =>
        $"Session {sessionId} was written by another activation since this one read it.";

    public static SessionRecord Read(SqliteDataReader reader) => new()
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
        Pages = SqliteJson.ReadStrings(reader.GetString(9)),
        StartedAt = UnixTime.FromMs(reader.GetInt64(10)),
        LastActivityAt = UnixTime.FromMs(reader.GetInt64(11)),
        EndedAt = UnixTime.FromMs(reader.GetNullableInt64(12)),
        FirstEventAt = reader.GetNullableInt64(13),
        LastEventAt = reader.GetNullableInt64(14),
        DurationMs = reader.GetInt64(15),
        EventCount = reader.GetInt64(16),
        ByteSize = reader.GetInt64(17),
        BatchCount = reader.GetInt64(18),
        SeqFloor = reader.GetInt64(19),
        SeqsAboveFloor = SqliteJson.ReadInt64s(reader.GetString(20)),
        NextOrdinal = reader.GetInt64(21),
        LiveConsentGranted = reader.GetNullableBoolean(22),
        SeqHoles = SqliteJson.ReadSeqRanges(reader.GetString(23)),
        SeqUnknownThrough = reader.GetInt64(24),
    };
}
