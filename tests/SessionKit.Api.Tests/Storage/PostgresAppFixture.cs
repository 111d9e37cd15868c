using SessionKit.Testing;

namespace SessionKit.Api.Tests.Storage;

/// <summary>The in-memory server on a fresh PostgreSQL database of the shared test server, one per test class.</summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    public PostgresTestDatabase Database { get; private set; } = null!;

    public SessionKitApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        App = CreateApp(Database);
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>A server (a node) on <paramref name="database"/>; several may share one.</summary>
    public static SessionKitApp CreateApp(PostgresTestDatabase database) => new(new Dictionary<string, string?>
    {
        ["SESSIONKIT_STORAGE"] = "postgres",
        ["SESSIONKIT_POSTGRES"] = database.ConnectionString,
        // Small chunks so that the round trips cross chunk boundaries as well as pending batches.
        ["SessionKit:Sessions:ChunkTargetBytes"] = "65536",
    });
}
