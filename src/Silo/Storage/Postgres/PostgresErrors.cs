using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>Which failures mean "the database is not there right now" rather than a bug or bad data.</summary>
internal static class PostgresErrors
{
    private const string ConnectionExceptionClass = "08";
    private const string AdminShutdown = "57P01";
    private const string CrashShutdown = "57P02";
    private const string CannotConnectNow = "57P03";
    private const string TooManyConnections = "53300";

    public static bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Server errors of the connection class, shutdowns, a server still starting and a full connection table;
    /// on the client side, I/O and socket errors and timeouts (connecting, waiting for a pooled connection,
    /// a command), which Npgsql reports as transient. Serialization failures and deadlocks are transient too,
    /// but they are contention, not an absent database, and stay as they are.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException server => server.SqlState.StartsWith(ConnectionExceptionClass, StringComparison.Ordinal)
            || server.SqlState is AdminShutdown or CrashShutdown or CannotConnectNow or TooManyConnections,
        NpgsqlException client => client.IsTransient,
        _ => false,
    };
}
