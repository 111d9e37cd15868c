using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>A person's row and one row per trait, written as one batch (one implicit transaction).</summary>
internal sealed class PostgresPersonStore(PostgresDatabase database) : IPersonStore
{
    public Task SavePersonAsync(PersonRecord person, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var write = dataSource.CreateBatch();
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO persons (project_id, user_id, first_seen_at, last_seen_at)
                VALUES (@project_id, @user_id, @first_seen_at, @last_seen_at)
                ON CONFLICT (project_id, user_id) DO UPDATE SET
                    first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at
                """);
            upsert.Parameters.With("project_id", person.ProjectId).With("user_id", person.UserId)
                .WithInstant("first_seen_at", person.FirstSeenAt).WithInstant("last_seen_at", person.LastSeenAt);
            write.BatchCommands.Add(upsert);
            // Two statements: a delete and an insert of the same keys in one statement would collide.
            var clear = new NpgsqlBatchCommand("DELETE FROM person_traits WHERE project_id = @project_id AND user_id = @user_id");
            clear.Parameters.With("project_id", person.ProjectId).With("user_id", person.UserId);
            write.BatchCommands.Add(clear);
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO person_traits (project_id, user_id, name, value)
                SELECT @project_id, @user_id, name, value FROM unnest(@names, @values) AS trait (name, value)
                """);
            insert.Parameters.With("project_id", person.ProjectId).With("user_id", person.UserId)
                .With("names", person.Traits.Keys.ToArray()).With("values", person.Traits.Values.ToArray());
            write.BatchCommands.Add(insert);
            return await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<PersonRecord?> GetPersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // One statement, so the person and its traits are of the same write.
            await using var command = dataSource.CreateCommand("""
                SELECT person.first_seen_at, person.last_seen_at, trait.name, trait.value
                FROM persons AS person
                LEFT JOIN person_traits AS trait ON trait.project_id = person.project_id AND trait.user_id = person.user_id
                WHERE person.project_id = @project_id AND person.user_id = @user_id
                ORDER BY trait.name
                """).With("project_id", projectId).With("user_id", userId);
            var rows = await command.ReadAllAsync(
                reader => (First: reader.GetInstant(0), Last: reader.GetInstant(1), Name: reader.GetNullableString(2), Value: reader.GetNullableString(3)),
                cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return null;
            }

            var traits = rows.Where(row => row.Name is not null).ToDictionary(row => row.Name!, row => row.Value!, StringComparer.Ordinal);
            return new PersonRecord(projectId, userId, traits, rows[0].First, rows[0].Last);
        });

    public Task DeletePersonAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            // Its traits go with it (ON DELETE CASCADE).
            await using var command = dataSource.CreateCommand("DELETE FROM persons WHERE project_id = @project_id AND user_id = @user_id")
                .With("project_id", projectId).With("user_id", userId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
}
