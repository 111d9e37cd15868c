namespace SessionKit.Silo.Cluster.Messaging;

/// <summary>A grain call failed on the node that owns the grain; <see cref="RemoteType"/> names the exception there.</summary>
public sealed class RemoteGrainException(string remoteType, string message)
    : Exception($"{message} (on the grain's node: {remoteType})")
{
    public string RemoteType { get; } = remoteType;
}

/// <summary>The grain's node could not serve the call for now (its database was down, its mailbox full): retry later.</summary>
public sealed class RemoteServiceUnavailableException(string remoteType, string message, TimeSpan retryAfter)
    : ServiceUnavailableException($"{message} (on the grain's node: {remoteType})", retryAfter)
{
    public string RemoteType { get; } = remoteType;
}
