namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>A person's row and one row per trait, written together.</summary>
internal sealed class SqlitePersonStore(SqliteDatabase database) : IPersonStore
{
    public Task SavePersonAsync(PersonRecord person, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using (var upsert = transaction.CreateCommand("""
                INSERT INTO persons (project_id, user_id, first_seen_at, last_seen_at)
                VALUES ($project_id, $user_id, $first_seen_at, $last_seen_at)
                ON CONFLICT (project_id, user_id) DO UPDATE SET
                    first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at
                """))
            {
                upsert.With("$project_id", person.ProjectId)
                    .With("$user_id", person.UserId)
                    .With("$first_seen_at", UnixTime.ToMs(person.FirstSeenAt))
                    .With("$last_seen_at", UnixTime.ToMs(person.LastSeenAt))
                    .ExecuteNonQuery();
            }

            using (var clear = transaction.CreateCommand("DELETE FROM person_traits WHERE project_id = $project_id AND user_id = $user_id"))
            {
                clear.With("$project_id", person.ProjectId).With("$user_id", person.UserId).ExecuteNonQuery();
            }

            foreach (var (name, value) in person.Traits)
            {
                using var insert = transaction.CreateCommand("""
                    INSERT INTO person_traits (project_id, user_id, name, value) VALUES ($project_id, $user_id, $name, $value)
                    """);
                insert.With("$project_id", person.ProjectId).With("$user_id", person.UserId)
                    .With("$name", name).With("$value", value).ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public async Task<PersonRecord?> GetPersonAsync(string projectId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the person and its traits are of the same write.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var person = transaction.CreateCommand("""
            SELECT first_seen_at, last_seen_at FROM persons WHERE project_id = $project_id AND user_id = $user_id
            """).With("$project_id", projectId).With("$user_id", userId);
        var seen = await person.ReadAllAsync(reader => (reader.GetInt64(0), reader.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        if (seen.Count == 0)
        {
            return null;
        }

        await using var traits = transaction.CreateCommand("""
            SELECT name, value FROM person_traits WHERE project_id = $project_id AND user_id = $user_id ORDER BY name
            """).With("$project_id", projectId).With("$user_id", userId);
        var rows = await traits.ReadAllAsync(reader => KeyValuePair.Create(reader.GetString(0), reader.GetString(1)), cancellationToken)
            .ConfigureAwait(false);
        return new PersonRecord(projectId, userId, new Dictionary<string, string>(rows, StringComparer.Ordinal),
            UnixTime.FromMs(seen[0].Item1), UnixTime.FromMs(seen[0].Item2));
    }

    public Task DeletePersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            // Its traits go with it (ON DELETE CASCADE).
            using var command = transaction.CreateCommand("DELETE FROM persons WHERE project_id = $project_id AND user_id = $user_id")
                .With("$project_id", projectId).With("$user_id", userId);
            return command.ExecuteNonQuery();
        }, cancellationToken);
}
