using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Tests.Storage.Postgres;

public sealed class PostgresStorageRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Username=sessionkit;Database=sessionkit";
    private static readonly string ConnectionStringKey = $"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}";

    [Theory]
    [InlineData("postgres")]
    [InlineData("POSTGRES")]
    [InlineData(" Postgres ")]
    public void SessionkitStoragePostgresPicksThePostgresStores(string provider)
    {
        using var services = Build(new()
        {
            [StorageServiceCollectionExtensions.ProviderVariable] = provider,
            [ConnectionStringKey] = ConnectionString,
        });

        Assert.IsType<PostgresSessionStore>(services.GetRequiredService<ISessionStore>());
        Assert.IsType<PostgresProjectStore>(services.GetRequiredService<IProjectStore>());
        Assert.IsType<PostgresAdminStore>(services.GetRequiredService<IAdminStore>());
        Assert.IsType<PostgresCommentStore>(services.GetRequiredService<ICommentStore>());
        Assert.IsType<PostgresStorageInitializer>(services.GetRequiredService<IStorageInitializer>());
        Assert.Same(services.GetRequiredService<PostgresDatabase>().DataSource, services.GetRequiredService<PostgresDatabase>().DataSource);
    }

    [Fact]
    public void TheConfigurationKeyChoosesWhenTheVariableIsNotSet()
    {
        using var services = Build(new()
        {
            [StorageServiceCollectionExtensions.ProviderKey] = "postgres",
            [ConnectionStringKey] = ConnectionString,
        });

        Assert.IsType<PostgresSessionStore>(services.GetRequiredService<ISessionStore>());
    }

    [Fact]
    public void TheVariableWinsOverTheConfigurationKey()
    {
        using var services = Build(new()
        {
            [StorageServiceCollectionExtensions.ProviderKey] = "postgres",
            [StorageServiceCollectionExtensions.ProviderVariable] = "sqlite",
            [StorageServiceCollectionExtensions.DataDirectoryVariable] = Path.GetTempPath(),
        });

        Assert.IsType<SqliteSessionStore>(services.GetRequiredService<ISessionStore>());
    }

    [Fact]
    public void WithoutAChoiceSqliteIsTheStorage()
    {
        using var services = Build(new() { [StorageServiceCollectionExtensions.DataDirectoryVariable] = Path.GetTempPath() });

        Assert.IsType<SqliteSessionStore>(services.GetRequiredService<ISessionStore>());
        Assert.Null(services.GetService<PostgresDatabase>());
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("postgresql")]
    public void AnUnknownProviderFailsTheStartNamingTheChoices(string provider)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(new() { [StorageServiceCollectionExtensions.ProviderVariable] = provider }));

        Assert.Contains($"'{provider}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'sqlite'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'postgres'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionkitPostgresOverridesTheConfiguredConnectionString()
    {
        const string overridden = "Host=db.internal;Username=sk;Database=from_environment";
        using var services = Build(new()
        {
            [StorageServiceCollectionExtensions.ProviderVariable] = "postgres",
            [ConnectionStringKey] = ConnectionString,
            [StorageServiceCollectionExtensions.PostgresConnectionVariable] = overridden,
        });

        Assert.Equal(overridden, services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString);
        Assert.Equal("from_environment", services.GetRequiredService<PostgresDatabase>().DatabaseName);
    }

    [Fact]
    public void AMissingConnectionStringFailsValidation()
    {
        using var services = Build(new() { [StorageServiceCollectionExtensions.ProviderVariable] = "postgres" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PostgresOptions>>().Value);
    }

    [Fact]
    public void DataProtectionKeysGoToTheDatabase()
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageServiceCollectionExtensions.ProviderVariable] = "postgres",
            [ConnectionStringKey] = ConnectionString,
        };
        using var services = Collection(settings).AddDataProtection().Services.BuildServiceProvider();

        Assert.IsType<PostgresXmlRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => Collection(settings).BuildServiceProvider();

    private static IServiceCollection Collection(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSessionKitStorage(configuration);
    }
}
