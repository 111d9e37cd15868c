using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using SessionKit.Silo.Cluster.Membership;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>
/// This node's consumers, one per partition: every node subscribes to every partition, active where the
/// broker chose it and standby elsewhere, so a dead node's partitions move to a standby at once.
/// </summary>
internal sealed class PartitionConsumers : IBrokerSession, IHostedService
{
    private readonly PartitionConsumer[] _consumers;
    private readonly GrainDirectory _directory;

    public PartitionConsumers(
        ClusterTopology topology,
        GrainMessageCodec codec,
        LocalGrainTransport local,
        GrainDirectory directory,
        PartitionOwnership ownership,
        IOptions<ClusterOptions> options,
        ILogger<PartitionConsumer> logger)
    {
        _directory = directory;
        var prefetch = (ushort)Math.Min(options.Value.PartitionPrefetch, ushort.MaxValue);
        _consumers = [.. Enumerable.Range(0, topology.Partitions)
            .Select(partition => new PartitionConsumer(partition, topology, codec, local, directory, ownership, prefetch, logger))];
    }

    public IReadOnlyList<PartitionConsumer> All => _consumers;

    public async Task OnConnectedAsync(IConnection connection, CancellationToken cancellationToken)
    {
        foreach (var consumer in _consumers)
        {
            await consumer.StartAsync(connection, cancellationToken);
        }
    }

    /// <summary>
    /// Without the broker this node owns no partition any more, and another node may process them now: its
    /// grains are deactivated (they persist), so that after reconnecting they load what others wrote.
    /// </summary>
    public async Task OnDisconnectedAsync()
    {
        foreach (var consumer in _consumers)
        {
            consumer.Disconnected();
        }

        await _directory.DeactivateWhereAsync(_ => true, CancellationToken.None);
    }

    /// <summary>Hands over every partition <paramref name="handOver"/> selects, in parallel.</summary>
    public Task HandOverAsync(Func<PartitionConsumer, bool> handOver, CancellationToken cancellationToken) =>
        Task.WhenAll(_consumers.Where(handOver).Select(consumer => consumer.HandOverAsync(cancellationToken)));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Graceful stop: every partition finishes what it took and its grains persist, before the connection closes.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_consumers.Select(consumer => consumer.StopAsync(cancellationToken)));
}
