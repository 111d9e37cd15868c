namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>Lets a test hold a counter grain at a chosen point (or make it fail) to set up a race deterministically.</summary>
public sealed class GrainHooks
{
    public Func<string, Task> BeforeActivate { get; set; } = _ => Task.CompletedTask;
    public Func<string, Task> BeforeDeactivate { get; set; } = _ => Task.CompletedTask;
    public Func<string, int, Task> BeforeAdd { get; set; } = (_, _) => Task.CompletedTask;
}
