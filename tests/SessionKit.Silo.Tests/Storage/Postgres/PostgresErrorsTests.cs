using System.Net.Sockets;
using Npgsql;
using SessionKit.Silo.Storage.Postgres;

namespace SessionKit.Silo.Tests.Storage.Postgres;

public sealed class PostgresErrorsTests
{
    [Theory]
    [InlineData("08000")] // connection exception
    [InlineData("08006")] // connection failure
    [InlineData("08001")] // unable to establish a connection
    [InlineData("57P01")] // admin shutdown
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting up)
    [InlineData("53300")] // too many connections
    public void ServerErrorsOfAnAbsentDatabaseMeanUnavailable(string sqlState)
    {
        Assert.True(PostgresErrors.IsUnavailable(ServerError(sqlState)));
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("40001")] // serialization failure: contention, not absence
    [InlineData("40P01")] // deadlock
    [InlineData("42P01")] // undefined table: a bug or a missing migration
    [InlineData("57014")] // query cancelled
    public void OtherServerErrorsDoNot(string sqlState)
    {
        Assert.False(PostgresErrors.IsUnavailable(ServerError(sqlState)));
    }

    [Fact]
    public void ClientSideTimeoutsAndSocketErrorsMeanUnavailable()
    {
        Assert.True(PostgresErrors.IsUnavailable(new NpgsqlException("timeout", new TimeoutException())));
        Assert.True(PostgresErrors.IsUnavailable(new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(PostgresErrors.IsUnavailable(new NpgsqlException("reading", new EndOfStreamException())));
    }

    [Fact]
    public void ErrorsOutsideNpgsqlDoNot()
    {
        Assert.False(PostgresErrors.IsUnavailable(new TimeoutException()));
        Assert.False(PostgresErrors.IsUnavailable(new InvalidOperationException()));
        Assert.False(PostgresErrors.IsUnavailable(new NpgsqlException("a bug")));
    }

    [Fact]
    public void OnlyAUniqueViolationIsADuplicate()
    {
        Assert.True(PostgresErrors.IsUniqueViolation(ServerError(PostgresErrorCodes.UniqueViolation)));
        Assert.False(PostgresErrors.IsUniqueViolation(ServerError(PostgresErrorCodes.ForeignKeyViolation)));
    }

    private static PostgresException ServerError(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
