using SessionKit.Grains.Live;

namespace SessionKit.Api.Live;

/// <summary>The contract's spelling of watch states.</summary>
public static class WatchStatusNames
{
    public static string Of(WatchStatus status) => status switch
    {
        WatchStatus.Streaming => "streaming",
        WatchStatus.AwaitingConsent => "awaiting-consent",
        _ => "consent-denied",
    };
}
