using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using SessionKit.Silo.Hosting;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// The node's one connection to the broker, kept open: it connects at start and after every loss,
/// with backoff, and then sets the node's broker sessions up again (topology, replies, live, partitions).
/// Recovery is ours, not the client library's, because a lost connection must also reset the grains
/// (another node may own their partitions meanwhile): see <see cref="IBrokerSession"/>.
/// </summary>
internal sealed partial class RabbitMqConnection(
    IOptions<TransportOptions> transport,
    IOptions<ClusterOptions> cluster,
    NodeIdentity node,
    ClusterTopology topology,
    IEnumerable<IBrokerSession> sessions,
    ILogger<RabbitMqConnection> logger) : BackgroundService
{
    private volatile IConnection? _connection;
    private volatile IConnection? _ready;
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Connected, and every broker session set up on this connection: only then can the node carry a grain
    /// call, so only then is it ready (a load balancer sending ingest to it earlier would get 503s).
    /// </summary>
    public bool IsConnected => _ready is { IsOpen: true } ready && ReferenceEquals(ready, _connection);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(transport.Value.RabbitMq!),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            ClientProvidedName = "sessionkit-" + node.Id,
        };
        var delay = cluster.Value.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lost = await ConnectAsync(factory, stoppingToken);
                delay = cluster.Value.ReconnectDelay;
                await lost.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(logger, delay.TotalSeconds, ex);
                await DisconnectedAsync();
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, cluster.Value.ReconnectDelay.Ticks * 10));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _ready = null;
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.CloseAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCloseFailed(logger, ex);
            }

            connection.Dispose();
        }
    }

    /// <summary>Connects and sets every session up; returns a task that completes when this connection is lost.</summary>
    private async Task<Task> ConnectAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lost = lost;
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        connection.ConnectionShutdownAsync += OnShutdownAsync;
        _connection = connection;
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            await topology.DeclareAsync(channel, cancellationToken);
        }

        foreach (var session in sessions)
        {
            await session.OnConnectedAsync(connection, cancellationToken);
        }

        if (!connection.IsOpen)
        {
            throw new BrokerUnavailableException("The broker connection closed while it was being set up.");
        }

        _ready = connection;
        LogConnected(logger, connection.Endpoint.ToString());
        return lost.Task;
    }

    private async Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (!ReferenceEquals(sender, _connection))
        {
            return;
        }

        LogLost(logger, args.ReplyText);
        await DisconnectedAsync();
        _lost.TrySetResult();
    }

    private async Task DisconnectedAsync()
    {
        _ready = null;
        if (_connection is { } connection)
        {
            _connection = null;
            connection.Dispose();
        }

        foreach (var session in sessions)
        {
            try
            {
                await session.OnDisconnectedAsync();
            }
            catch (Exception ex)
            {
                LogSessionResetFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the message broker at {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the message broker connection ({Reason}); reconnecting")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to the message broker; retrying in {DelaySeconds} s")]
    private static partial void LogConnectFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the message broker connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resetting a broker session after the connection was lost failed")]
    private static partial void LogSessionResetFailed(ILogger logger, Exception exception);
}
