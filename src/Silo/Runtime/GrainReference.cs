using System.Reflection;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// What <see cref="Grains.IGrainFactory.Get{TGrain}"/> hands out: a generated implementation of the
/// grain contract that turns every call into a message for the transport. Two references to the
/// same grain are equal. Not sealed because DispatchProxy derives the generated type from it.
/// </summary>
internal class GrainReference : DispatchProxy
{
    private GrainInterface? _interface;
    private IGrainTransport? _transport;
    private GrainId _id;

    internal void Bind(GrainInterface grainInterface, string key, IGrainTransport transport)
    {
        _interface = grainInterface;
        _transport = transport;
        _id = new GrainId(grainInterface.Type, key);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var grainInterface = _interface ?? throw new InvalidOperationException("The grain reference is not bound.");
        return grainInterface[targetMethod].Send(_transport!, _id, args ?? []);
    }

    public override bool Equals(object? obj) => obj is GrainReference other && other._id == _id;

    public override int GetHashCode() => _id.GetHashCode();

    public override string ToString() => _id.ToString();
}
