using Microsoft.Extensions.Options;
using SessionKit.Grains.Alerts;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

/// <summary>
/// Delivers fired alerts to their webhooks in the background, apart from ingest. It claims due deliveries from the
/// durable queue (woken by this node's alerts, else every <see cref="AlertOptions.PollInterval"/>), posts each on its
/// own (bounded in number), logs every attempt, and puts a failed one back with a doubling delay. What it has not
/// delivered when it stops stays queued for the next start, or for another node.
/// </summary>
public sealed partial class WebhookDispatcher(
    IAlertDeliveryQueue queue,
    IAlertStore store,
    AlertDeliveryWakeUp wakeUp,
    WebhookSender sender,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    // Bounds how long a stop waits for in-flight deliveries to give their claims back.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly AlertOptions _options = options.Value;

    /// <summary>Unique per run, so a restarted node does not mistake its predecessor's claims for its own.</summary>
    private readonly string _claimant = $"{Environment.MachineName}/{Guid.CreateVersion7():N}";

    // Only the claiming loop reads and writes it.
    private bool _claimFailing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < _options.MaxConcurrentDeliveries && slots.Wait(0))
                {
                    free++;
                }

                IReadOnlyList<PendingDeliveryRecord> claimed = [];
                try
                {
                    claimed = await ClaimAsync(free, stoppingToken);
                }
                finally
                {
                    if (claimed.Count < free)
                    {
                        slots.Release(free - claimed.Count);
                    }
                }

                foreach (var delivery in claimed)
                {
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await DeliverAsync(delivery, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }

                // A full batch means more may be due: claim again as soon as a slot is free.
                if (claimed.Count < free)
                {
                    await wakeUp.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await DrainAsync(slots);
    }

    private async Task<IReadOnlyList<PendingDeliveryRecord>> ClaimAsync(int limit, CancellationToken stoppingToken)
    {
        try
        {
            var claimed = await queue.ClaimDueAsync(_claimant, clock.GetUtcNow(), _options.ClaimLease, limit, stoppingToken);
            if (_claimFailing)
            {
                _claimFailing = false;
                LogClaimRecovered(logger);
            }

            return claimed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Storage unreachable: nothing is lost, the deliveries wait in it for the next poll. Said once per outage,
            // not at every poll.
            if (!_claimFailing)
            {
                _claimFailing = true;
                LogClaimFailed(logger, exception);
            }

            return [];
        }
    }

    private async Task DeliverAsync(PendingDeliveryRecord delivery, CancellationToken stoppingToken)
    {
        try
        {
            var webhook = await store.GetWebhookAsync(delivery.WebhookId, stoppingToken);
            if (webhook is null || webhook.ProjectId != delivery.ProjectId)
            {
                // The webhook was deleted since the rule fired: nowhere to deliver to.
                await queue.CompleteAsync(delivery.Id, attempt: null, CancellationToken.None);
                return;
            }

            var attempt = delivery.Attempts + 1;
            var (status, error) = await sender.SendAsync(webhook, delivery, stoppingToken);
            var delivered = status is >= 200 and < 300;
            var outcome = delivered ? "delivered" : attempt >= _options.MaxAttempts ? "failed" : "retrying";
            var now = clock.GetUtcNow();
            var log = new WebhookDeliveryRecord(Guid.CreateVersion7().ToString("N"), webhook.Id, webhook.ProjectId, delivery.RuleId,
                delivery.SessionId, attempt, outcome, status, error, now);
            // Not cancelled by a stop: an attempt made is recorded, or the next run would make it again.
            if (outcome == "retrying")
            {
                await queue.RescheduleAsync(delivery.Id, _claimant, now + (_options.RetryBaseDelay * Math.Pow(2, attempt - 1)), log, CancellationToken.None);
            }
            else
            {
                await queue.CompleteAsync(delivery.Id, log, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(delivery);
        }
        catch (Exception exception)
        {
            // Left claimed: once the lease has passed, this or another node tries again.
            LogDeliveryFailed(logger, exception, delivery.WebhookId, delivery.RuleId);
        }
    }

    /// <summary>Gives an interrupted delivery back, so the next run need not wait out the lease.</summary>
    private async Task ReleaseAsync(PendingDeliveryRecord delivery)
    {
        try
        {
            using var timeout = new CancellationTokenSource(DrainTimeout);
            await queue.ReleaseAsync(delivery.Id, _claimant, timeout.Token);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(logger, exception, delivery.Id);
        }
    }

    /// <summary>Waits until every delivery in flight has ended (a stop cancels them), before storage closes under them.</summary>
    private async Task DrainAsync(SemaphoreSlim slots)
    {
        using var timeout = new CancellationTokenSource(DrainTimeout);
        try
        {
            for (var i = 0; i < _options.MaxConcurrentDeliveries; i++)
            {
                await slots.WaitAsync(timeout.Token);
            }

            slots.Dispose();
        }
        catch (OperationCanceledException)
        {
            // Left to the claims' leases; the semaphore stays for the deliveries still releasing it.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering alert rule {RuleId} to webhook {WebhookId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string webhookId, string ruleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due webhook deliveries failed; trying again at every poll until storage answers")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claiming due webhook deliveries works again")]
    private static partial void LogClaimRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back webhook delivery {DeliveryId} failed; it is due again when its lease passes")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string deliveryId);
}
