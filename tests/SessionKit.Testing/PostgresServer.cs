using Npgsql;

namespace SessionKit.Testing;

/// <summary>
/// The PostgreSQL server the tests of one process share, started on first use: the one named by
/// SESSIONKIT_TEST_POSTGRES (a connection string whose user may CREATE DATABASE), or else a private
/// cluster of the installed package, stopped when the process exits. Tests never share a database:
/// each takes its own from <see cref="PostgresTestDatabase.CreateAsync"/>.
/// </summary>
public static class PostgresServer
{
    public const string ServerVariable = "SESSIONKIT_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Started = new(StartSharedAsync);
    private static PrivatePostgresCluster? privateCluster;

    /// <summary>Whether this test run started the server itself (only then can tests stop and start it).</summary>
    public static bool IsPrivate => privateCluster is not null;

    /// <summary>Stops the shared private server, as a database restart does; every connection is cut.</summary>
    public static Task StopAsync() => (privateCluster ?? throw NotPrivate()).StopServerAsync();

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port and data.</summary>
    public static Task StartAgainAsync() => (privateCluster ?? throw NotPrivate()).StartServerAsync();

    private static InvalidOperationException NotPrivate() =>
        new("Only a PostgreSQL server this test run started can be stopped and started.");

    /// <summary>A connection string to the server's maintenance database, for creating and dropping databases.</summary>
    public static Task<string> GetConnectionStringAsync() => Started.Value;

    /// <summary>A connection string to <paramref name="database"/> on the shared server.</summary>
    public static async Task<string> ConnectionStringForAsync(string database) =>
        new NpgsqlConnectionStringBuilder(await GetConnectionStringAsync()) { Database = database }.ConnectionString;

    private static async Task<string> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } external)
        {
            return external;
        }

        var cluster = privateCluster = await PrivatePostgresCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster.ConnectionString;
    }
}
