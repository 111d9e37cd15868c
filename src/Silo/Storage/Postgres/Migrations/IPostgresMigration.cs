namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>One schema change. Once released, a migration is never edited: changes go in a new one.</summary>
internal interface IPostgresMigration
{
    /// <summary>Position in <see cref="PostgresMigrations.All"/>; recorded in schema_migrations once applied.</summary>
    int Version { get; }

    string Sql { get; }
}
