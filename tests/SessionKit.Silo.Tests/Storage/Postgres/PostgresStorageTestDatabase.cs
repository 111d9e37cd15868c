using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage.Postgres;

/// <summary>
/// A fresh database on the shared test server, opened through <see cref="StorageServiceCollectionExtensions.AddPostgresStorage"/>
/// exactly as the silo opens it. The database is created on first use, since the contracts ask for it synchronously.
/// </summary>
internal sealed class PostgresStorageTestDatabase : IStorageTestDatabase
{
    private readonly Lazy<Task<PostgresTestDatabase>> database = new(PostgresTestDatabase.CreateAsync);

    public Task<PostgresTestDatabase> GetDatabaseAsync() => database.Value;

    public async Task<StoreUnderTest> OpenAsync()
    {
        var services = await BuildServicesAsync();
        var initializer = services.GetRequiredService<IStorageInitializer>();
        await initializer.InitializeAsync(CancellationToken.None);
        return new StoreUnderTest(
            services.GetRequiredService<ISessionStore>(),
            services.GetRequiredService<IProjectStore>(),
            services.GetRequiredService<IAdminStore>(),
            services.GetRequiredService<ICommentStore>(),
            initializer,
            services,
            services);
    }

    /// <summary>The container without initializing storage, for tests of start-up itself.</summary>
    public async Task<ServiceProvider> BuildServicesAsync(Action<IServiceCollection>? configure = null)
    {
        var connectionString = (await GetDatabaseAsync()).ConnectionString;
        return BuildServices(connectionString, configure);
    }

    public static ServiceProvider BuildServices(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddPostgresStorage();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (database.IsValueCreated)
        {
            await (await database.Value).DisposeAsync();
        }
    }
}
