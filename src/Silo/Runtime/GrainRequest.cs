using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>A message waiting in a mailbox together with the caller's pending reply.</summary>
internal abstract class GrainRequest : MailboxItem
{
    /// <summary>Runs the call and completes the reply; never throws, a failing grain method faults only its caller.</summary>
    public abstract ValueTask RunAsync(Grain grain);

    public abstract void Fail(Exception exception);
}

internal sealed class GrainRequest<TResult>(GrainMessage message, GrainMethod<TResult> method) : GrainRequest
{
    // Asynchronous continuations keep the caller's code off the activation's loop.
    private readonly TaskCompletionSource<TResult> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainMessage Message { get; } = message;

    public Task<TResult> Reply => _reply.Task;

    public override async ValueTask RunAsync(Grain grain)
    {
        try
        {
            _reply.TrySetResult(await method.InvokeAsync(grain, Message.Arguments));
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
