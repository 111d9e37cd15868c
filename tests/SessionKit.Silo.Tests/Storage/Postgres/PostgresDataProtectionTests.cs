using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;

namespace SessionKit.Silo.Tests.Storage.Postgres;

/// <summary>With PostgreSQL every node reads the same key ring, so a login cookie from one node is valid on all.</summary>
public sealed class PostgresDataProtectionTests : IAsyncLifetime
{
    private const string Purpose = "SessionKit.Tests.Cookie";
    private readonly PostgresStorageTestDatabase database = new();
    private ServiceProvider first = null!;
    private ServiceProvider second = null!;

    public async Task InitializeAsync()
    {
        first = await BuildNodeAsync();
        second = await BuildNodeAsync();
        await first.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void TwoNodesUnprotectEachOthersPayloads()
    {
        var fromFirst = Protector(first).Protect("issued by the first node");
        Assert.Equal("issued by the first node", Protector(second).Unprotect(fromFirst));

        var fromSecond = Protector(second).Protect("issued by the second node");
        Assert.Equal("issued by the second node", Protector(first).Unprotect(fromSecond));
    }

    [Fact]
    public async Task TheKeyRingIsStoredInTheDatabaseOnce()
    {
        Protector(first).Protect("creates the key");
        Protector(second).Protect("uses the same key");

        var raw = await database.GetDatabaseAsync();
        Assert.Equal(1L, await raw.ScalarAsync<long>("SELECT count(*) FROM dataprotection_keys WHERE friendly_name LIKE 'key-%'"));
        Assert.StartsWith("<key ", await raw.ScalarAsync<string>("SELECT xml FROM dataprotection_keys LIMIT 1"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRepositoryIsThePostgresOne()
    {
        Assert.IsType<PostgresXmlRepository>(first.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    private static IDataProtector Protector(IServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private Task<ServiceProvider> BuildNodeAsync() =>
        database.BuildServicesAsync(services => services.AddDataProtection().SetApplicationName("SessionKit"));
}
