using System.ComponentModel.DataAnnotations;

namespace SessionKit.Silo.Storage.Postgres;

public sealed class PostgresOptions
{
    public const string SectionName = "SessionKit:Storage:Postgres";

    /// <summary>
    /// Npgsql connection string of an existing database the server may create tables in;
    /// SESSIONKIT_POSTGRES overrides it.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
