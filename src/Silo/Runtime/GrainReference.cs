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
    private LocalGrainTransport? _local;
    private GrainId _id;

    // With the local transport: the grain's activation as last found, kept while it takes messages.
    private GrainActivation? _activation;

    internal void Bind(GrainInterface grainInterface, string key, IGrainTransport transport)
    {
        _interface = grainInterface;
        _transport = transport;
        _local = transport as LocalGrainTransport;
        _id = new GrainId(grainInterface.Type, key);
    }

    internal Task<TResult> SendAsync<TResult>(GrainMethod<TResult> method, object?[] arguments) =>
        _local is { } local
            ? local.SendAsync(ref _activation, _id, method, arguments)
            : _transport!.SendAsync<TResult>(new GrainMessage(_id, method, arguments));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var grainInterface = _interface ?? throw new InvalidOperationException("The grain reference is not bound.");
        return grainInterface[targetMethod].Send(this, args ?? []);
    }

    public override bool Equals(object? obj) => obj is GrainReference other && other._id == _id;

    public override int GetHashCode() => _id.GetHashCode();

    public override string ToString() => _id.ToString();
}
