namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Keys of the advisory locks the server takes, in one place so no two uses collide. Advisory locks are
/// per database, so servers on other databases of the same PostgreSQL never wait for each other.
/// </summary>
internal static class PostgresLocks
{
    // "SessKit" in ASCII, then a number per use: unlikely to meet another application's keys.
    private const long Base = 0x5365_7373_4B69_7400;

    /// <summary>Held while checking and applying schema migrations.</summary>
    public const long SchemaMigrations = Base + 1;

    /// <summary>Held while creating the first administrator.</summary>
    public const long FirstAdmin = Base + 2;
}
