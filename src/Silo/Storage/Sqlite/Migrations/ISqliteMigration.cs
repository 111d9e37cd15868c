namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>One schema change. Once released, a migration is never edited: changes go in a new one.</summary>
internal interface ISqliteMigration
{
    /// <summary>Position in <see cref="SqliteMigrations.All"/>; recorded in schema_migrations once applied.</summary>
    int Version { get; }

    string Sql { get; }
}
