using SessionKit.Testing;

namespace SessionKit.Api.Tests;

/// <summary>One in-memory server per test class; tests inside use their own fresh session ids.</summary>
public sealed class SessionKitAppFixture : IDisposable
{
    public SessionKitApp App { get; } = new(new Dictionary<string, string?>
    {
        // Small chunks so that the round trips cross chunk boundaries as well as pending batches.
        ["SessionKit:Sessions:ChunkTargetBytes"] = "65536",
    });

    public void Dispose() => App.Dispose();
}
