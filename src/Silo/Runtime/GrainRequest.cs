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

    public override ValueTask RunAsync(Grain grain)
    {
        ValueTask<TResult> running;
        try
        {
            running = method.InvokeAsync(grain, arguments);
        }
        catch (Exception exception)
        {
            Complete(exception);
            return ValueTask.CompletedTask;
        }

        // Most grain methods finish synchronously: no state machine for them.
        if (running.IsCompletedSuccessfully)
        {
            _reply.TrySetResult(running.Result);
            return ValueTask.CompletedTask;
        }

        return AwaitAsync(running);
    }

    public override void Fail(Exception exception) => _reply.TrySetException(exception);

    private async ValueTask AwaitAsync(ValueTask<TResult> running)
    {
        try
        {
            _reply.TrySetResult(await running);
        }
        catch (Exception exception)
        {
            Complete(exception);
        }
    }

    private void Complete(Exception exception)
    {
        if (exception is OperationCanceledException canceled)
        {
            // The same outcome an async method gives its caller.
            _reply.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _reply.TrySetException(exception);
        }
    }
}
