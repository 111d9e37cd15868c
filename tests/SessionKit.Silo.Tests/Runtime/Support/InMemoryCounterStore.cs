using System.Collections.Concurrent;

namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>Stands in for storage: counter grains load from it on activation and save to it on deactivation.</summary>
public sealed class InMemoryCounterStore
{
    private readonly ConcurrentDictionary<string, int> _values = new();

    public int? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public void Save(string key, int value) => _values[key] = value;
}
