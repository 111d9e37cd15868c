using System.ComponentModel.DataAnnotations;

namespace SessionKit.Api.Alerts;

public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "SessionKit:Alerts";

    /// <summary>Attempts per webhook and alert, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; it doubles with each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight at once on this node; also the most it claims at a time.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>
    /// How often the dispatcher looks for due deliveries: retries, and alerts fired on other nodes. Alerts fired on this
    /// node wake it at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a claimed delivery stays with the node that claimed it. Should that node die mid-delivery, another
    /// delivers it once this has passed; so it must outlast an attempt.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The dashboard's public address, for "open the session" links in alerts; without it links are relative.</summary>
    public string? DashboardUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("PollInterval must be positive.", [nameof(PollInterval)]);
        }

        // A lease running out while the attempt still waits for its answer would let a second node send it too.
        if (ClaimLease <= RequestTimeout)
        {
            yield return new ValidationResult("ClaimLease must be longer than RequestTimeout.", [nameof(ClaimLease), nameof(RequestTimeout)]);
        }
    }
}
