using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Cluster.RabbitMq;
using SessionKit.Silo.Hosting;

namespace SessionKit.Silo.Cluster.Membership;

/// <summary>
/// Every heartbeat: renews this node's membership, computes from the live members which node should own
/// each partition, and hands over the partitions another connected node should own. The broker decides
/// who actually processes a partition (single active consumer); this only steers it toward an even spread.
/// </summary>
internal sealed partial class PartitionBalancer(
    IClusterMembership membership,
    PartitionOwnership ownership,
    PartitionConsumers consumers,
    NodePresence presence,
    NodeIdentity node,
    IOptions<ClusterOptions> options,
    ILogger<PartitionBalancer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            try
            {
                await BalanceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database or broker is away: keep the last assignment and try again next beat.
                LogBeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task BalanceAsync(CancellationToken cancellationToken)
    {
        await membership.HeartbeatAsync(node.Id, address: null, cancellationToken);
        var members = (await membership.LiveMembersAsync(options.Value.MemberTimeout, cancellationToken))
            .Append(node.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var owners = PartitionAssignment.Compute(members, options.Value.Partitions);
        var connected = new Dictionary<string, bool>(StringComparer.Ordinal) { [node.Id] = false };
        foreach (var member in members.Where(member => member != node.Id))
        {
            connected[member] = await presence.IsConnectedAsync(member, cancellationToken);
        }

        var elsewhere = owners.Select(owner => connected[owner]).ToArray();
        var changed = !owners.SequenceEqual(ownership.Owners, StringComparer.Ordinal);
        ownership.Update(members, owners, elsewhere);
        if (changed)
        {
            LogAssignment(logger, members.Length, owners.Count(owner => owner == node.Id), options.Value.Partitions);
        }

        // Active where another connected node should be: hand over. After a change, standby consumers of such
        // partitions queue up again too, behind the owner, so that the broker's next pick is the owner.
        await consumers.HandOverAsync(consumer => elsewhere[consumer.Partition] && (changed || consumer.IsActive), cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await membership.LeaveAsync(node.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaveFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster of {Members} members: this node should own {Owned} of {Partitions} partitions")]
    private static partial void LogAssignment(ILogger logger, int members, int owned, int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster heartbeat failed; keeping the last partition assignment")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaving the cluster membership failed; the other nodes will time this node out")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
