using System.Text.Json;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using SessionKit.Silo.Live;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// The live bus of a cluster: a topic exchange keyed by live topic, and one queue per node bound only to
/// the topics its viewers watch, so a session's stream reaches exactly the nodes that have its viewers,
/// whichever node owns the session. Live messages are ephemeral (not persisted): a viewer that misses one
/// sees a seq gap and resyncs.
/// </summary>
internal sealed partial class RabbitMqLiveBus(ClusterTopology topology, LiveMessageTypes types, ILogger<RabbitMqLiveBus> logger)
    : ILiveBus, IBrokerSession
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly LiveSubscriptions _subscriptions = new();
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _control;
    private volatile IChannel? _publisher;

    /// <summary>Another node may listen to any topic; the exchange drops what nobody is bound to.</summary>
    public bool HasSubscribers(string topic) => true;

    public async ValueTask PublishAsync(string topic, object message)
    {
        if (_publisher is not { IsOpen: true } publisher)
        {
            return; // disconnected: live messages are not kept; viewers resync when they see the gap
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Json);
        var properties = new BasicProperties { Type = LiveMessageTypes.NameOf(message.GetType()) };
        try
        {
            await publisher.BasicPublishAsync(topology.LiveExchange, topic, mandatory: false, properties, body);
        }
        catch (Exception ex) when (!publisher.IsOpen || ex is ObjectDisposedException)
        {
            LogPublishLost(logger, topic);
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string topic, Func<object, ValueTask> handler, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_control is not { IsOpen: true } control)
            {
                throw new BrokerUnavailableException("This node is not connected to the message broker; live streams are unavailable.");
            }

            if (!_topics.Contains(topic))
            {
                await control.QueueBindAsync(topology.OwnLiveQueue, topology.LiveExchange, topic, cancellationToken: cancellationToken);
                _topics.Add(topic);
            }

            _subscriptions.Add(topic, handler);
        }
        finally
        {
            _gate.Release();
        }

        return new LiveSubscription(() => UnsubscribeAsync(topic, handler));
    }

    public async Task OnConnectedAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var control = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await control.QueueDeclareAsync(topology.OwnLiveQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
            foreach (var topic in _topics)
            {
                await control.QueueBindAsync(topology.OwnLiveQueue, topology.LiveExchange, topic, cancellationToken: cancellationToken);
            }

            var consumer = new AsyncEventingBasicConsumer(control);
            consumer.ReceivedAsync += OnMessageAsync;
            await control.BasicConsumeAsync(topology.OwnLiveQueue, autoAck: true, consumer, cancellationToken);
            _publisher = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            _control = control;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task OnDisconnectedAsync()
    {
        _control = null;
        _publisher = null;
        return Task.CompletedTask;
    }

    private async ValueTask UnsubscribeAsync(string topic, Func<object, ValueTask> handler)
    {
        await _gate.WaitAsync();
        try
        {
            if (_subscriptions.Remove(topic, handler) && _topics.Remove(topic) && _control is { IsOpen: true } control)
            {
                await control.QueueUnbindAsync(topology.OwnLiveQueue, topology.LiveExchange, topic);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnbindFailed(logger, topic, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OnMessageAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (types.Find(delivery.BasicProperties.Type) is not { } type)
        {
            LogUnknownMessage(logger, delivery.BasicProperties.Type);
            return;
        }

        object? message;
        try
        {
            message = JsonSerializer.Deserialize(delivery.Body.Span, type, Json);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, delivery.RoutingKey, ex);
            return;
        }

        if (message is not null)
        {
            await _subscriptions.DeliverAsync(delivery.RoutingKey, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A live message for {Topic} was lost with the broker connection")]
    private static partial void LogPublishLost(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unbinding live topic {Topic} failed")]
    private static partial void LogUnbindFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a live message of unknown type {Type}")]
    private static partial void LogUnknownMessage(ILogger logger, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable live message for {Topic}")]
    private static partial void LogUnreadable(ILogger logger, string topic, Exception exception);
}
