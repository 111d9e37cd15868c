using System.ComponentModel.DataAnnotations;

namespace SessionKit.Api.Alerts;

public sealed class AlertOptions
{
    public const string SectionName = "SessionKit:Alerts";

    /// <summary>Attempts per webhook and alert, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; it doubles with each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight at once (each may be waiting out a retry).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>The dashboard's public address, for "open the session" links in alerts; without it links are relative.</summary>
    public string? DashboardUrl { get; set; }
}
