using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SessionKit.Silo.Storage;
using SessionKit.Testing;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage.Postgres;

/// <summary>A database that cannot be reached answers StorageUnavailableException, which the HTTP layer turns into 503.</summary>
public sealed class PostgresUnavailabilityTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresStorageTestDatabase database = new();
    private StoreUnderTest store = null!;

    public async Task InitializeAsync() => store = await database.OpenAsync();

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task EveryKindOfOperationOnAServerThatRefusesConnectionsIsUnavailable()
    {
        await using var services = PostgresStorageTestDatabase.BuildServices(
            $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=none;Timeout=5");
        var sessions = services.GetRequiredService<ISessionStore>();
        var session = NewSession(NewId("project"));

        var unavailable = await Assert.ThrowsAsync<StorageUnavailableException>(() => sessions.GetSessionAsync(session.Id, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => sessions.ListSessionsAsync(new SessionQuery { ProjectId = session.ProjectId }, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(async () => await sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync());
        await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<IProjectStore>().ListProjectsAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<IAdminStore>().AnyAdminAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<ICommentStore>().ListCommentsAsync(session.Id, Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => services.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct));

        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.RetryAfter);
        Assert.IsAssignableFrom<NpgsqlException>(unavailable.InnerException);
        Assert.Contains("none", unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsTheServerEndsAreUnavailableAndTheNextCallReconnects()
    {
        var session = NewSession(NewId("project"));
        await store.Sessions.TryCreateSessionAsync(session, Ct);

        // What a server shutting down does to every open session: FATAL 57P01 and a closed socket.
        await TerminateOtherConnectionsAsync();

        var unavailable = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Sessions.GetSessionAsync(session.Id, Ct));
        Assert.IsAssignableFrom<NpgsqlException>(unavailable.InnerException);
        AssertSameSession(session, await store.Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task AReadCutOffMidStreamIsUnavailable()
    {
        var session = NewSession(NewId("project"));
        var data = new byte[4 * 1024 * 1024];
        for (var ordinal = 0; ordinal < 8; ordinal++)
        {
            await store.Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
            await store.Sessions.WriteChunkAsync(After(session, ordinal + 1), Chunk(session, ordinal, ordinal) with { Data = data }, Ct);
        }

        await using var segments = store.Sessions.ReadSegmentsAsync(session.Id, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await segments.MoveNextAsync());
        await TerminateOtherConnectionsAsync();

        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            while (await segments.MoveNextAsync())
            {
            }
        });
    }

    private async Task TerminateOtherConnectionsAsync()
    {
        var raw = await database.GetDatabaseAsync();
        await raw.ExecuteAsync("""
            SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
