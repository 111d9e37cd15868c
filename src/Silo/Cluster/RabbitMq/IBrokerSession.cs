using RabbitMQ.Client;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// A part of the node that lives on the broker connection (its queues, consumers, channels): set up
/// on every (re)connection, in registration order, and told when the connection is lost.
/// </summary>
internal interface IBrokerSession
{
    Task OnConnectedAsync(IConnection connection, CancellationToken cancellationToken);

    /// <summary>The connection is gone (broker restart, network); channels made on it are dead.</summary>
    Task OnDisconnectedAsync();
}
