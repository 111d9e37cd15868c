namespace SessionKit.Grains.Signals;

/// <summary>On the live bus (topic <c>project.{id}</c>): a signal just raised in one of the project's sessions, with the session's new score.</summary>
public sealed record LiveSignalRaised(string SessionId, string ProjectId, int Score, Signal Signal);
