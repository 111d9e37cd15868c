using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// Carries grain calls between nodes: a call is published, persistent and confirmed by the broker, to
/// the queue of its grain's partition, whichever node processes that partition; the reply comes back
/// to this node's own queue. So a caller never needs to know where a grain lives.
/// </summary>
internal sealed partial class RabbitMqGrainTransport(
    GrainMessageCodec codec,
    PendingCalls pending,
    ClusterTopology topology,
    IOptions<ClusterOptions> options,
    ILogger<RabbitMqGrainTransport> logger) : IGrainTransport, IBrokerSession
{
    // Confirms are awaited per message; a few channels keep one slow confirm from holding everyone up.
    private const int PublisherChannels = 4;

    private volatile IChannel[] _publishers = [];
    private IChannel? _replies;
    private int _next;

    public async Task<TResult> SendAsync<TResult>(GrainMessage message)
    {
        var body = codec.EncodeCall(message);
        var correlationId = Guid.NewGuid().ToString("N");
        var grain = message.Target.ToString();
        var reply = pending.Register<TResult>(correlationId, grain, options.Value.CallTimeout);
        var queue = topology.PartitionQueue(GrainPartitioner.PartitionOf(message.Target, topology.Partitions));
        try
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                CorrelationId = correlationId,
                ReplyTo = topology.OwnNodeQueue,
            };
            var published = Publisher().BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body).AsTask();
            _ = published.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            // A confirm can be lost with its channel: stop waiting when the call fails anyway (the
            // connection dropped), or when the broker takes longer than the call may.
            var first = await Task.WhenAny(published, reply, Task.Delay(options.Value.CallTimeout)).ConfigureAwait(false);
            if (first == published)
            {
                await published.ConfigureAwait(false);
            }
            else if (first != reply)
            {
                throw new BrokerUnavailableException($"The broker did not confirm the call to grain {grain} in time.");
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or PublishException or OperationInterruptedException or BrokerUnavailableException or ObjectDisposedException)
        {
            // Not confirmed: the call may or may not run, and its caller is told to retry (calls are idempotent).
            var unavailable = new BrokerUnavailableException($"The broker did not take the call to grain {grain} ({ex.Message})", ex);
            pending.Fail(correlationId, unavailable);
        }

        return await reply.ConfigureAwait(false);
    }

    public async Task OnConnectedAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var publishers = new IChannel[PublisherChannels];
        for (var i = 0; i < publishers.Length; i++)
        {
            publishers[i] = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
        }

        var replies = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await replies.QueueDeclareAsync(topology.OwnNodeQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(replies);
        consumer.ReceivedAsync += OnReplyAsync;
        await replies.BasicConsumeAsync(topology.OwnNodeQueue, autoAck: true, consumer, cancellationToken);
        _replies = replies;
        _publishers = publishers;
    }

    public Task OnDisconnectedAsync()
    {
        _publishers = [];
        _replies = null;
        // Replies come to a queue that died with the connection: nothing waiting will be answered.
        pending.FailAll(new BrokerUnavailableException("The connection to the message broker was lost before the grain answered."));
        return Task.CompletedTask;
    }

    private IChannel Publisher()
    {
        var publishers = _publishers;
        if (publishers.Length == 0)
        {
            throw new BrokerUnavailableException("This node is not connected to the message broker.");
        }

        return publishers[(int)((uint)Interlocked.Increment(ref _next) % publishers.Length)];
    }

    private Task OnReplyAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.CorrelationId is not { } correlationId || !pending.Complete(correlationId, delivery.Body.Span))
        {
            LogStrayReply(logger);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A grain reply arrived that no call waits for (it timed out)")]
    private static partial void LogStrayReply(ILogger logger);
}
