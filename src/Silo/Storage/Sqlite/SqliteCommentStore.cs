using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>Comments live and die with their session: the row references it and is deleted with it.</summary>
internal sealed class SqliteCommentStore(SqliteDatabase database) : ICommentStore
{
    /// <summary>
    /// Inserts only when the session exists in the comment's project: the insert selects from that
    /// session's row, so a missing session or a project mismatch inserts nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session does not exist or belongs to another project.</exception>
    /// <exception cref="StorageConflictException">A comment with that id exists.</exception>
    public Task AddCommentAsync(CommentRecord comment, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                INSERT INTO comments (id, session_id, project_id, author, text, at_ms, created_at)
                SELECT $id, id, project_id, $author, $text, $at_ms, $created_at
                FROM sessions WHERE id = $session_id AND project_id = $project_id
                """)
                .With("$id", comment.Id)
                .With("$session_id", comment.SessionId)
                .With("$project_id", comment.ProjectId)
                .With("$author", comment.Author)
                .With("$text", comment.Text)
                .With("$at_ms", comment.At)
                .With("$created_at", UnixTime.ToMs(comment.CreatedAt));
            return command.ExecuteRefusingDuplicates($"A comment with id {comment.Id} already exists.") == 1
                ? true
                : throw new InvalidOperationException(
                    $"Project {comment.ProjectId} has no session {comment.SessionId} to comment on.");
        }, cancellationToken);

    /// <summary>Ordered by moment, then creation time, then id, so equal moments keep a stable order.</summary>
    public async Task<IReadOnlyList<CommentRecord>> ListCommentsAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(ListSql).With("$session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var comments = new List<CommentRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            comments.Add(Read(reader));
        }

        return comments;
    }

    internal const string ListSql = """
        SELECT id, session_id, project_id, author, text, at_ms, created_at FROM comments
        WHERE session_id = $session_id
        ORDER BY at_ms, created_at, id
        """;

    private static CommentRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        UnixTime.FromMs(reader.GetInt64(6)));
}
