using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Environment variable (read through configuration) that overrides <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string DataDirectoryVariable = "SESSIONKIT_DATA_DIR";

    /// <summary>
    /// Stores everything in the embedded SQLite database <c>sessionkit.db</c> in the data directory.
    /// The host must call <see cref="IStorageInitializer.InitializeAsync"/> at start, before the stores are used.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
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

        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<IStorageInitializer, SqliteStorageInitializer>();
        services.TryAddSingleton<ISessionStore, SqliteSessionStore>();
        services.TryAddSingleton<IProjectStore, SqliteProjectStore>();
        services.TryAddSingleton<IAdminStore, SqliteAdminStore>();
        services.TryAddSingleton<ICommentStore, SqliteCommentStore>();
        return services;
    }
}
