using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

internal static class SqliteErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    /// <summary>
    /// Runs <paramref name="command"/>, reporting a duplicate key as <see cref="StorageConflictException"/>
    /// so callers never need to know SQLite's exception types.
    /// </summary>
    public static int ExecuteRefusingDuplicates(this SqliteCommand command, string duplicateMessage)
    {
        try
        {
            return command.ExecuteNonQuery();
        }
        catch (SqliteException exception) when (IsUniqueViolation(exception))
        {
            throw new StorageConflictException(duplicateMessage, exception);
        }
    }
}
