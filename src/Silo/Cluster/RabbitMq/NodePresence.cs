using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// Whether another node is connected to the broker now: its reply queue is exclusive, so it exists
/// exactly while that node's connection does. The broker learns of a killed node at once (its socket
/// closes), long before the node's membership heartbeat goes stale. A passive declare of another
/// connection's exclusive queue is refused either way: 405 (locked: it exists) or 404 (it does not).
/// </summary>
internal sealed class NodePresence(ClusterTopology topology) : IBrokerSession
{
    private const ushort ResourceLocked = 405;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task<bool> IsConnectedAsync(string nodeId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true } connection)
            {
                return false;
            }

            _channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await _channel.QueueDeclarePassiveAsync(topology.NodeQueue(nodeId), cancellationToken);
            return true;
        }
        catch (OperationInterruptedException refused)
        {
            // The refusal closed the channel: make a new one next time.
            _channel = null;
            return refused.ShutdownReason?.ReplyCode == ResourceLocked;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task OnConnectedAsync(IConnection connection, CancellationToken cancellationToken)
    {
        _connection = connection;
        _channel = null;
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync()
    {
        _connection = null;
        _channel = null;
        return Task.CompletedTask;
    }
}
