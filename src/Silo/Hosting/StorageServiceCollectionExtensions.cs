using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Environment variable (read through configuration) that overrides <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string DataDirectoryVariable = "SESSIONKIT_DATA_DIR";

    /// <summary>Environment variable (read through configuration) that overrides <see cref="PostgresOptions.ConnectionString"/>.</summary>
    public const string PostgresConnectionVariable = "SESSIONKIT_POSTGRES";

    /// <summary>Environment variable choosing the storage: <c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    public const string ProviderVariable = "SESSIONKIT_STORAGE";

    /// <summary>Configuration key choosing the storage where <see cref="ProviderVariable"/> is not set.</summary>
    public const string ProviderKey = "SessionKit:Storage:Provider";

    /// <summary>
    /// The storage that <paramref name="configuration"/> chooses (<see cref="ProviderVariable"/>, else
    /// <see cref="ProviderKey"/>; SQLite when neither is set). Decided here, at registration, so an unknown
    /// choice stops the start before anything is built.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured provider is neither sqlite nor postgres.</exception>
    public static IServiceCollection AddSessionKitStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[ProviderVariable] is { Length: > 0 } fromVariable ? fromVariable : configuration[ProviderKey];
        return provider?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => services.AddSqliteStorage(),
            "POSTGRES" => services.AddPostgresStorage(),
            _ => throw new InvalidOperationException(
                $"Unknown storage provider '{provider}' in {ProviderVariable} or {ProviderKey}: use 'sqlite' (the default) or 'postgres'."),
        };
    }

    /// <summary>
    /// Stores everything in the embedded SQLite database <c>sessionkit.db</c> in the data directory.
    /// The host must call <see cref="IStorageInitializer.InitializeAsync"/> at start, before the stores are used.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<IStorageInitializer, SqliteStorageInitializer>();
        services.TryAddSingleton<ISessionStore, SqliteSessionStore>();
        services.TryAddSingleton<IProjectStore, SqliteProjectStore>();
        services.TryAddSingleton<IAdminStore, SqliteAdminStore>();
        services.TryAddSingleton<ICommentStore, SqliteCommentStore>();
        services.TryAddSingleton<IVisitorAliasStore, SqliteVisitorAliasStore>();
        services.TryAddSingleton<IPersonStore, SqlitePersonStore>();
        services.TryAddSingleton<ISessionLinkStore, SqliteSessionLinkStore>();
        services.TryAddSingleton<ITabActivityStore, SqliteTabActivityStore>();
        services.TryAddSingleton<ISessionErasureStore, SqliteSessionErasureStore>();
        services.TryAddSingleton<ISignalStore, SqliteSignalStore>();
        services.TryAddSingleton<IAlertStore, SqliteAlertStore>();
        services.TryAddSingleton<IAlertDeliveryQueue, SqliteAlertDeliveryQueue>();
        return services;
    }

    /// <summary>
    /// Stores everything in the PostgreSQL database of <see cref="PostgresOptions.ConnectionString"/>, which
    /// several nodes may share, data-protection keys included so every node accepts every login cookie. The
    /// data directory stays a local scratch directory. The host must call
    /// <see cref="IStorageInitializer.InitializeAsync"/> at start, before the stores are used.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.AddOptions<PostgresOptions>()
            .BindConfiguration(PostgresOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (configuration[PostgresConnectionVariable] is { Length: > 0 } connectionString)
                {
                    options.ConnectionString = connectionString;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<IStorageInitializer, PostgresStorageInitializer>();
        services.TryAddSingleton<ISessionStore, PostgresSessionStore>();
        services.TryAddSingleton<IProjectStore, PostgresProjectStore>();
        services.TryAddSingleton<IAdminStore, PostgresAdminStore>();
        services.TryAddSingleton<ICommentStore, PostgresCommentStore>();
        services.TryAddSingleton<IVisitorAliasStore, PostgresVisitorAliasStore>();
        services.TryAddSingleton<IPersonStore, PostgresPersonStore>();
        services.TryAddSingleton<ISessionLinkStore, PostgresSessionLinkStore>();
        services.TryAddSingleton<ITabActivityStore, PostgresTabActivityStore>();
        services.TryAddSingleton<ISessionErasureStore, PostgresSessionErasureStore>();
        services.TryAddSingleton<ISignalStore, PostgresSignalStore>();
        services.TryAddSingleton<IAlertStore, PostgresAlertStore>();
        services.TryAddSingleton<IAlertDeliveryQueue, PostgresAlertDeliveryQueue>();
        services.TryAddSingleton<PostgresXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<PostgresXmlRepository>((options, keys) => options.XmlRepository = keys);
        return services;
    }

    private static void AddStorageOptions(this IServiceCollection services) =>
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (configuration[DataDirectoryVariable] is { Length: > 0 } directory)
                {
                    options.DataDirectory = directory;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
