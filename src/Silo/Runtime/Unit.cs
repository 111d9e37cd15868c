namespace SessionKit.Silo.Runtime;

/// <summary>The result of grain methods returning a plain Task or ValueTask, so every call has one result type.</summary>
internal readonly record struct Unit;
