using System.Collections.Frozen;
using System.Reflection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>A grain contract with every method (its own and inherited ones) compiled for dispatch.</summary>
internal sealed class GrainInterface
{
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _methods;
    private readonly FrozenDictionary<string, GrainMethod> _byName;

    private GrainInterface(Type type, IEnumerable<GrainMethod> methods)
    {
        Type = type;
        _methods = methods.ToFrozenDictionary(m => m.Method);
        _byName = _methods.Values.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>The name that identifies the contract across processes built from the same contracts.</summary>
    public string Name => Type.FullName ?? Type.Name;

    public IEnumerable<GrainMethod> Methods => _methods.Values;

    /// <summary>The method a message from another node names; null when this build has no such method.</summary>
    public GrainMethod? FindMethod(string name) => _byName.GetValueOrDefault(name);

    public Type Type { get; }

    public GrainMethod this[MethodInfo method] =>
        _methods.TryGetValue(method, out var compiled)
            ? compiled
            : throw new InvalidOperationException($"{method.Name} is not a method of grain contract {Type.FullName}.");

    /// <summary>Validates <paramref name="type"/> as a grain contract and compiles its methods.</summary>
    public static GrainInterface Describe(Type type)
    {
        if (!type.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(type) || type.ContainsGenericParameters)
        {
            throw new ArgumentException(
                $"{type.FullName} is not a grain contract: it must be a closed interface extending {nameof(IGrainWithStringKey)}.",
                nameof(type));
        }

        var methods = type.GetInterfaces()
            .Prepend(type)
            .SelectMany(contract => contract.GetMethods())
            .Where(method => !method.IsStatic)
            .Select(GrainMethodCompiler.Compile);
        return new GrainInterface(type, methods);
    }
}
