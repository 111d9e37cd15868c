using System.ComponentModel.DataAnnotations;

namespace SessionKit.Silo.Grains;

public sealed class GrainRuntimeOptions
{
    public const string SectionName = "SessionKit:Grains";

    /// <summary>An activation that has received no message for this long is persisted and deactivated.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often activations are checked for idleness. Activity is noted at these checks (not per
    /// message), so an idle grain goes between <see cref="IdleTimeout"/> and that plus two intervals
    /// after its last message, never sooner.
    /// </summary>
    public TimeSpan IdleScanInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages a grain's mailbox holds before senders have to wait.</summary>
    [Range(1, 1_000_000)]
    public int MailboxCapacity { get; set; } = 1024;

    /// <summary>How long a sender waits for room in a full mailbox before it gets a GrainMailboxFullException.</summary>
    public TimeSpan MailboxFullTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
