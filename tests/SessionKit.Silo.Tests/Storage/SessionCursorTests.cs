using SessionKit.Silo.Storage;

namespace SessionKit.Silo.Tests.Storage;

public sealed class SessionCursorTests
{
    [Theory]
    [InlineData(1_714_564_800_123L, "session-1")]
    [InlineData(-5L, "id:with:colons")]
    [InlineData(0L, "ünïcödé")]
    public void ACursorDecodesToWhatWasEncoded(long startedAtMs, string id)
    {
        var cursor = new SessionCursor(startedAtMs, id);

        Assert.Equal(cursor, SessionCursor.Decode(cursor.Encode()));
    }

    [Fact]
    public void AnEncodedCursorIsUrlSafe()
    {
        Assert.Matches("^[A-Za-z0-9_-]+$", new SessionCursor(long.MaxValue, "???>>>~~~").Encode());
    }
}
