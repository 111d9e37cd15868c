namespace SessionKit.Silo.Grains;

/// <summary>
/// Marks a grain contract addressed by a string key. Every method must return
/// Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;, and take only serializable
/// records or primitives: a later transport carries calls between machines.
/// </summary>
public interface IGrainWithStringKey;
