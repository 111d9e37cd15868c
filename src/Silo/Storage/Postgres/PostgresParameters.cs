using Npgsql;
using NpgsqlTypes;

namespace SessionKit.Silo.Storage.Postgres;

internal static class PostgresParameters
{
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, object? value)
    {
        parameters.AddWithValue(name, value ?? DBNull.Value);
        return parameters;
    }

    /// <summary>
    /// An instant as timestamptz, in UTC (Npgsql refuses other offsets) and cut to whole milliseconds, the
    /// precision every store keeps: list cursors carry milliseconds, so they must compare exactly.
    /// </summary>
    public static NpgsqlParameterCollection WithInstant(this NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.With(name, value is { } instant ? DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()) : null);

    public static NpgsqlParameterCollection WithJsonb(this NpgsqlParameterCollection parameters, string name, string json)
    {
        // Typed explicitly: a string would go as text, which a jsonb column does not take.
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        return parameters;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.With(name, value);
        return command;
    }

    public static NpgsqlCommand WithInstant(this NpgsqlCommand command, string name, DateTimeOffset? value)
    {
        command.Parameters.WithInstant(name, value);
        return command;
    }

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? GetNullableInt32(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static bool? GetNullableBoolean(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);

    public static DateTimeOffset GetInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetNullableInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
