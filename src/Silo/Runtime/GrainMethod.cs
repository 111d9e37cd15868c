using System.Reflection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// One method of a grain contract, compiled once: how a reference turns a call into a message and
/// how an activation runs that message against the grain object.
/// </summary>
internal abstract class GrainMethod(MethodInfo method, string name)
{
    public MethodInfo Method { get; } = method;

    /// <summary>Identifies the method across processes built from the same contracts.</summary>
    public string Name { get; } = name;

    public IReadOnlyList<Type> ParameterTypes { get; } = [.. method.GetParameters().Select(p => p.ParameterType)];

    /// <summary>What the method's task carries; <see cref="Unit"/> for a method without a result.</summary>
    public abstract Type ResultType { get; }

    /// <summary>Sends a call and returns what the interface method declares (Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;).</summary>
    public abstract object Send(GrainReference reference, object?[] arguments);

    /// <summary>
    /// Hands a message that arrived from another node to the local activation: completes once it is
    /// queued, with the task of the boxed result.
    /// </summary>
    public abstract ValueTask<Task<object?>> PostBoxedAsync(LocalGrainTransport local, GrainMessage message);

    public override string ToString() => Name;
}

internal sealed class GrainMethod<TResult>(
    MethodInfo method,
    string name,
    Func<Grain, object?[], ValueTask<TResult>> invoke,
    Func<Task<TResult>, object> toDeclaredReturn) : GrainMethod(method, name)
{
    public override Type ResultType => typeof(TResult);

    public ValueTask<TResult> InvokeAsync(Grain grain, object?[] arguments) => invoke(grain, arguments);

    public override object Send(GrainReference reference, object?[] arguments)
    {
        Task<TResult> reply;
        try
        {
            reply = reference.SendAsync(this, arguments);
        }
        catch (Exception exception)
        {
            // A Task-returning method should fail through its task, whatever the transport did.
            reply = Task.FromException<TResult>(exception);
        }

        return toDeclaredReturn(reply);
    }

    public override async ValueTask<Task<object?>> PostBoxedAsync(LocalGrainTransport local, GrainMessage message)
    {
        var reply = await local.PostAsync<TResult>(message).ConfigureAwait(false);
        return BoxAsync(reply);
    }

    private static async Task<object?> BoxAsync(Task<TResult> reply) => await reply.ConfigureAwait(false);
}
