using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using SessionKit.Silo.Cluster.Membership;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// This node's consumer of one partition's queue. The queue has a single active consumer, so while this
/// one is active no other node processes the partition: deliveries are posted, in order, to the local
/// grains, and each is acknowledged only once its grain has answered (a batch is then in the database),
/// so a crash redelivers what was not finished, and seq deduplication makes that harmless.
/// Handing the partition over: hold new deliveries, let the ones in flight finish, deactivate the
/// partition's grains (they persist), then close the channel: the broker gives the held deliveries,
/// in order, to the next consumer in line, and this node subscribes again at the back of the line.
/// </summary>
internal sealed partial class PartitionConsumer(
    int partition,
    ClusterTopology topology,
    GrainMessageCodec codec,
    LocalGrainTransport local,
    GrainDirectory directory,
    PartitionOwnership ownership,
    ushort prefetch,
    ILogger logger)
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Lock _gate = new();
    private readonly string _queue = topology.PartitionQueue(partition);
    private IConnection? _connection;
    private volatile IChannel? _channel;
    private volatile bool _holding;
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private long _processed;

    public int Partition => partition;

    /// <summary>Whether a delivery arrived since this node last subscribed: the broker made it the active consumer.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Deliveries this node has finished for the partition (answered and acknowledged), since it started.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    public async Task StartAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            _connection = connection;
            await SubscribeAsync(cancellationToken);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Gives the partition to the next consumer in line (see the class summary) and queues up again behind
    /// it; for a standby consumer only the second half happens. Hand-overs run one after another, never
    /// skipped: a delivery that arrives on the new channel of a hand-over still in progress holds that
    /// channel, and only a hand-over after it lets the held deliveries go.
    /// </summary>
    public async Task HandOverAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_channel is not { } channel)
            {
                return;
            }

            var wasActive = IsActive;
            await StopProcessingAsync(channel, cancellationToken);
            await SubscribeAsync(cancellationToken);
            if (wasActive)
            {
                LogHandedOver(logger, partition, ownership.Owners.ElementAtOrDefault(partition) ?? "?");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandOverFailed(logger, partition, ex);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops for good (graceful shutdown): nothing new is taken, what is in flight finishes, grains persist.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { } channel)
            {
                await StopProcessingAsync(channel, cancellationToken);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>The connection is gone: its channel is dead, and unacknowledged deliveries are back in the queue.</summary>
    public void Disconnected()
    {
        _channel = null;
        _connection = null;
        IsActive = false;
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { IsOpen: true } connection)
        {
            return;
        }

        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.BasicQosAsync(0, prefetch, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(channel, delivery);
        _holding = false;
        IsActive = false;
        _channel = channel;
        await channel.BasicConsumeAsync(_queue, autoAck: false, consumer, cancellationToken);
    }

    private async Task StopProcessingAsync(IChannel channel, CancellationToken cancellationToken)
    {
        Hold();
        await DrainedAsync().WaitAsync(cancellationToken);
        await directory.DeactivateWhereAsync(id => GrainPartitioner.PartitionOf(id, topology.Partitions) == partition, cancellationToken);
        _channel = null;
        IsActive = false;
        // Held deliveries were never acknowledged: closing the channel returns them to the queue, in order.
        await channel.CloseAsync(cancellationToken);
        channel.Dispose();
    }

    private async Task OnDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        if (!ReferenceEquals(channel, _channel) || _holding)
        {
            return; // held: the channel's close puts it back in the queue
        }

        IsActive = true;
        if (ownership.IsOwnedElsewhere(partition))
        {
            Hold();
            _ = HandOverAsync(CancellationToken.None);
            return;
        }

        var replyTo = delivery.BasicProperties.ReplyTo;
        var correlationId = delivery.BasicProperties.CorrelationId;
        GrainMessage message;
        try
        {
            message = codec.DecodeCall(delivery.Body.Span);
        }
        catch (GrainMessageFormatException ex)
        {
            LogUnreadable(logger, partition, ex);
            await FinishAsync(channel, delivery.DeliveryTag, replyTo, correlationId, method: null, Task.FromException<object?>(ex));
            return;
        }

        if (!TryStartProcessing())
        {
            return;
        }

        Task<object?> reply;
        try
        {
            // Awaiting the post (not the reply) keeps the grain's arrival order and makes a full mailbox slow the broker down.
            reply = await message.Method.PostBoxedAsync(local, message);
        }
        catch (Exception ex)
        {
            reply = Task.FromException<object?>(ex);
        }

        _ = FinishAndCountAsync(channel, delivery.DeliveryTag, replyTo, correlationId, message.Method, reply);
    }

    /// <summary>From now on deliveries are held, not processed; those already counted in flight finish.</summary>
    private void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Counts a delivery in flight unless deliveries are held; one lock with <see cref="Hold"/>, so a drain never misses one.</summary>
    private bool TryStartProcessing()
    {
        lock (_gate)
        {
            if (_holding)
            {
                return false;
            }

            Interlocked.Increment(ref _inFlight);
            return true;
        }
    }

    private async Task FinishAndCountAsync(IChannel channel, ulong tag, string? replyTo, string? correlationId, GrainMethod method, Task<object?> reply)
    {
        try
        {
            await FinishAsync(channel, tag, replyTo, correlationId, method, reply);
        }
        finally
        {
            Interlocked.Increment(ref _processed);
            if (Interlocked.Decrement(ref _inFlight) == 0)
            {
                Volatile.Read(ref _drained)?.TrySetResult();
            }
        }
    }

    /// <summary>Answers the caller and only then acknowledges: a crash in between repeats the call, never loses it.</summary>
    private async Task FinishAsync(IChannel channel, ulong tag, string? replyTo, string? correlationId, GrainMethod? method, Task<object?> reply)
    {
        byte[] body;
        try
        {
            var result = await reply.ConfigureAwait(false);
            body = GrainMessageCodec.EncodeResult(method!, result);
        }
        catch (Exception ex)
        {
            body = GrainMessageCodec.EncodeFailure(ex);
        }

        try
        {
            if (!string.IsNullOrEmpty(replyTo))
            {
                await channel.BasicPublishAsync(string.Empty, replyTo, mandatory: false, new BasicProperties { CorrelationId = correlationId }, body);
            }

            await channel.BasicAckAsync(tag, multiple: false);
        }
        catch (Exception ex) when (!channel.IsOpen || ex is ObjectDisposedException)
        {
            // The channel died (connection lost): the delivery goes back to the queue and runs again elsewhere.
            LogAckLost(logger, partition);
        }
    }

    private Task DrainedAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            drained.TrySetResult();
        }

        return drained.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed partition {Partition} over to {Owner}")]
    private static partial void LogHandedOver(ILogger logger, int partition, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing partition {Partition} over failed")]
    private static partial void LogHandOverFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an unreadable message in partition {Partition}")]
    private static partial void LogUnreadable(ILogger logger, int partition, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A reply or acknowledgement in partition {Partition} was lost with its channel")]
    private static partial void LogAckLost(ILogger logger, int partition);
}
