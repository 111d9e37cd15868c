namespace SessionKit.Silo.Grains;

/// <summary>
/// Thrown to a caller whose message reached a grain that is not active while the host shuts down:
/// no activation starts then, so the caller should retry against another node or later.
/// </summary>
public sealed class GrainRuntimeStoppingException(string grainType, string key)
    : ServiceUnavailableException($"Grain {grainType}/{key} cannot take messages: the grain runtime is shutting down.", RetryDelay)
{
    // About the time a restarted node needs to take requests again.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    public string GrainType { get; } = grainType;
    public string Key { get; } = key;
}
