using Npgsql;
using SessionKit.Silo.Storage.Postgres;

namespace SessionKit.Silo.Cluster.Membership;

/// <summary>
/// Membership in the cluster's database (table cluster_members). Liveness is judged by the database's
/// clock alone, so nodes whose clocks disagree still agree on who is alive.
/// </summary>
internal sealed class PostgresMembership(PostgresDatabase database) : IClusterMembership
{
    public Task HeartbeatAsync(string nodeId, string? address, CancellationToken cancellationToken) =>
        database.RunAsync(async source =>
        {
            await using var command = source.CreateCommand("""
                INSERT INTO cluster_members (node_id, address, started_at, heartbeat_at) VALUES ($1, $2, now(), now())
                ON CONFLICT (node_id) DO UPDATE SET address = excluded.address, heartbeat_at = now()
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = nodeId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)address ?? DBNull.Value });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public Task<IReadOnlyList<string>> LiveMembersAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<string>>(async source =>
        {
            await using var command = source.CreateCommand(
                "SELECT node_id FROM cluster_members WHERE heartbeat_at > now() - $1 ORDER BY node_id");
            command.Parameters.Add(new NpgsqlParameter { Value = timeout });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var members = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add(reader.GetString(0));
            }

            return members;
        });

    public Task LeaveAsync(string nodeId, CancellationToken cancellationToken) =>
        database.RunAsync(async source =>
        {
            await using var command = source.CreateCommand("DELETE FROM cluster_members WHERE node_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = nodeId });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
}
