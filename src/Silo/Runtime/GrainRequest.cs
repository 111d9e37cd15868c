using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>A message waiting in a mailbox together with the caller's pending reply.</summary>
internal abstract class GrainRequest : MailboxItem
{
    /// <summary>Runs the call and completes the reply; never throws, a failing grain method faults only its caller.</summary>
    public abstract ValueTask RunAsync(Grain grain);

    public abstract void Fail(Exception exception);
}

/// <summary>
/// One call as the local runtime carries it: the message's parts and the reply in one object, so a local
/// call allocates no <see cref="GrainMessage"/> (only a transport between nodes needs that).
/// </summary>
internal sealed class GrainRequest<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments) : GrainRequest
{
    public GrainId Target { get; } = target;

    // Asynchronous continuations keep the caller's code off the activation's loop.
    private readonly TaskCompletionSource<TResult> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Reply => _reply.Task;

    public override async ValueTask RunAsync(Grain grain)
    {
        try
        {
            _reply.TrySetResult(await method.InvokeAsync(grain, arguments));
        }
        catch (OperationCanceledException canceled)
        {
            // The same outcome an async method gives its caller.
            _reply.TrySetCanceled(canceled.CancellationToken);
        }
        catch (Exception exception)
        {
            _reply.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _reply.TrySetException(exception);
}
