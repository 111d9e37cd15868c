namespace SessionKit.Silo.Storage;

/// <summary>
/// The database cannot be reached right now (refused or dropped connections, timeouts, a server shutting
/// down, no free connection slot): the same operation is expected to succeed once it is back.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception innerException)
    : ServiceUnavailableException(message, RetryDelay, innerException)
{
    // Long enough for a restarting server or a failover to take connections again, short enough not to stall clients.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
}
