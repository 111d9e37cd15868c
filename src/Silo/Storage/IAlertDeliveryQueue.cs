namespace SessionKit.Silo.Storage;

/// <summary>
/// Fired rules and their webhook deliveries still to make, durable so a stopped node or a slow receiver loses none.
/// A dispatcher claims due deliveries for a lease; a claim nobody completes in time (its node died) is due again, so
/// a delivery may be made twice but is never lost.
/// </summary>
public interface IAlertDeliveryQueue
{
    /// <summary>
    /// Records that the rule fired for the session and queues <paramref name="deliveries"/>, in one transaction; false,
    /// with nothing queued, when the rule had already fired for the session (a rule fires once per session).
    /// </summary>
    Task<bool> TryRecordFiringAsync(
        string sessionId, string ruleId, DateTimeOffset firedAt, IReadOnlyList<PendingDeliveryRecord> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Claims for <paramref name="claimant"/> until <paramref name="now"/> + <paramref name="lease"/> at most
    /// <paramref name="limit"/> deliveries that are due and not claimed by anyone else (or whose claim ran out), soonest first.
    /// </summary>
    Task<IReadOnlyList<PendingDeliveryRecord>> ClaimDueAsync(
        string claimant, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the delivery (delivered, given up, or without a webhook to go to) and logs <paramref name="attempt"/> if any, in one transaction.</summary>
    Task CompleteAsync(string deliveryId, WebhookDeliveryRecord? attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Logs the failed <paramref name="attempt"/> and, if <paramref name="claimant"/> still holds the claim, counts it
    /// and puts the delivery back for <paramref name="nextAttemptAt"/>; false when the claim had passed to another.
    /// </summary>
    Task<bool> RescheduleAsync(
        string deliveryId, string claimant, DateTimeOffset nextAttemptAt, WebhookDeliveryRecord attempt, CancellationToken cancellationToken);

    /// <summary>Gives a claimed delivery back untried (the dispatcher is stopping), so the next one need not wait out the lease.</summary>
    Task ReleaseAsync(string deliveryId, string claimant, CancellationToken cancellationToken);
}
