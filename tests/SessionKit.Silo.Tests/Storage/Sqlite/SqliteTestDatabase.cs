using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Tests.Storage.Sqlite;

/// <summary>
/// A fresh temporary data directory, opened through <see cref="StorageServiceCollectionExtensions.AddSqliteStorage"/>
/// exactly as the silo opens it.
/// </summary>
internal sealed class SqliteTestDatabase : IStorageTestDatabase
{
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "sessionkit-storage-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(DataDirectory, SqliteDatabase.FileName);

    public async Task<StoreUnderTest> OpenAsync()
    {
        var services = BuildServices();
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
    public ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = DataDirectory,
            })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSqliteStorage()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A plain connection to the file, to look at what the store wrote.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
