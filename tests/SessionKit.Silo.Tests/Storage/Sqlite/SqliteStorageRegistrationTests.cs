using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Tests.Storage.Sqlite;

public sealed class SqliteStorageRegistrationTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sessionkit-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheDataDirectoryComesFromTheStorageSection()
    {
        using var services = Build(new() { [DataDirectoryKey] = Path.Combine(root, "configured") });

        Assert.Equal(Path.Combine(root, "configured"), services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
    }

    [Fact]
    public async Task SessionkitDataDirOverridesTheConfiguredDirectory()
    {
        var overridden = Path.Combine(root, "from-environment");
        await using var services = Build(new()
        {
            [DataDirectoryKey] = Path.Combine(root, "configured"),
            [StorageServiceCollectionExtensions.DataDirectoryVariable] = overridden,
        });

        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);

        Assert.Equal(overridden, services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
        Assert.True(File.Exists(Path.Combine(overridden, SqliteDatabase.FileName)));
        Assert.False(Directory.Exists(Path.Combine(root, "configured")));
    }

    [Fact]
    public void AnEmptyOverrideLeavesTheConfiguredDirectory()
    {
        using var services = Build(new()
        {
            [DataDirectoryKey] = Path.Combine(root, "configured"),
            [StorageServiceCollectionExtensions.DataDirectoryVariable] = "",
        });

        Assert.Equal(Path.Combine(root, "configured"), services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
    }

    [Fact]
    public void AnEmptyDataDirectoryFailsValidation()
    {
        using var services = Build(new() { [DataDirectoryKey] = "" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    [Fact]
    public void AllStoresShareOneDatabase()
    {
        using var services = Build(new() { [DataDirectoryKey] = root });

        Assert.IsType<SqliteSessionStore>(services.GetRequiredService<ISessionStore>());
        Assert.IsType<SqliteProjectStore>(services.GetRequiredService<IProjectStore>());
        Assert.IsType<SqliteAdminStore>(services.GetRequiredService<IAdminStore>());
        Assert.IsType<SqliteCommentStore>(services.GetRequiredService<ICommentStore>());
        Assert.IsType<SqliteStorageInitializer>(services.GetRequiredService<IStorageInitializer>());
        Assert.Same(services.GetRequiredService<ISessionStore>(), services.GetRequiredService<ISessionStore>());
    }

    private static string DataDirectoryKey => $"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}";

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddSqliteStorage()
            .BuildServiceProvider();
}
