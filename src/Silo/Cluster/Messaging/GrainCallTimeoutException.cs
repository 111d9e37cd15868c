namespace SessionKit.Silo.Cluster.Messaging;

/// <summary>
/// A grain's reply did not come in time. The call may still be carried out (it waits in its partition's
/// queue); calls are safe to repeat (batches are deduplicated by seq), so the caller retries.
/// </summary>
public sealed class GrainCallTimeoutException(string grain, TimeSpan waited)
    : ServiceUnavailableException($"Grain {grain} did not answer within {waited.TotalSeconds:0.#} s.", TimeSpan.FromSeconds(1));
