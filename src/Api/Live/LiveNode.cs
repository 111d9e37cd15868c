namespace SessionKit.Api.Live;

/// <summary>This node's name in viewer leases: SESSIONKIT_NODE_ID, or a name unique to this process.</summary>
public sealed class LiveNode(IConfiguration configuration)
{
    public string Id { get; } = configuration["SESSIONKIT_NODE_ID"] is { Length: > 0 } id
        ? id
        : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
