namespace SessionKit.Bench;

/// <summary>A command line the command cannot run: the message says what is wrong, and the usage is printed after it.</summary>
internal sealed class UsageException(string message) : Exception(message);
