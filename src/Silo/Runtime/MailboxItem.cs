namespace SessionKit.Silo.Runtime;

/// <summary>
/// Anything an activation processes in turn: messages (<see cref="GrainRequest"/>) and the
/// runtime's own signals (timer ticks, idle checks), which never count as activity.
/// </summary>
internal abstract class MailboxItem;

/// <summary>Asks an activation to deactivate if it is still idle when the check reaches the front of its mailbox.</summary>
internal sealed class IdleCheck : MailboxItem
{
    public static readonly IdleCheck Instance = new();

    private IdleCheck()
    {
    }
}
