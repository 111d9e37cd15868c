using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// Delivers messages to activations on this host. A remote transport hands the messages it
/// receives to this one, so local and remote callers reach grains the same way.
/// </summary>
internal sealed class LocalGrainTransport(GrainDirectory directory) : IGrainTransport
{
    public Task<TResult> SendAsync<TResult>(GrainMessage message)
    {
        GrainActivation? activation = null;
        return SendAsync(ref activation, message.Target, MethodOf<TResult>(message), message.Arguments);
    }

    /// <summary>
    /// Sends a call of a reference on this host. <paramref name="activation"/> is the reference's cache of
    /// the target's activation: while that activation takes messages a call needs no directory lookup; once
    /// it has closed (it is deactivating or gone) the call finds the current one, and the cache follows.
    /// </summary>
    public Task<TResult> SendAsync<TResult>(ref GrainActivation? activation, GrainId target, GrainMethod<TResult> method, object?[] arguments)
    {
        var request = new GrainRequest<TResult>(target, method, arguments);
        var current = activation ?? directory.GetOrActivate(target);
        var posted = current.PostAsync(request);
        if (posted.IsCompletedSuccessfully && posted.Result)
        {
            if (!ReferenceEquals(activation, current))
            {
                activation = current;
            }

            return request.Reply;
        }

        // Closed (found again on the next call) or full (the wait says nothing about the next call either).
        activation = null;
        return UnwrapAsync(PostSlowlyAsync(request, current, posted));
    }

    /// <summary>
    /// Queues the message in its activation's mailbox; completes once it is queued (waiting for room in
    /// a full mailbox) with the task of the grain's reply. A remote transport awaits the first part before
    /// taking the next message of the same grain, which keeps the grain's arrival order.
    /// </summary>
    public ValueTask<Task<TResult>> PostAsync<TResult>(GrainMessage message)
    {
        var request = new GrainRequest<TResult>(message.Target, MethodOf<TResult>(message), message.Arguments);
        var activation = directory.GetOrActivate(message.Target);
        var posted = activation.PostAsync(request);

        // The common case stays synchronous: the message is queued before the caller gets its task.
        return posted.IsCompletedSuccessfully && posted.Result
            ? new ValueTask<Task<TResult>>(request.Reply)
            : PostSlowlyAsync(request, activation, posted);
    }

    private static GrainMethod<TResult> MethodOf<TResult>(GrainMessage message) =>
        message.Method as GrainMethod<TResult>
        ?? throw new ArgumentException($"{message.Method} does not return {typeof(TResult).Name}.", nameof(message));

    private static async Task<TResult> UnwrapAsync<TResult>(ValueTask<Task<TResult>> posted) =>
        await (await posted.ConfigureAwait(false)).ConfigureAwait(false);

    private async ValueTask<Task<TResult>> PostSlowlyAsync<TResult>(GrainRequest<TResult> request, GrainActivation activation, ValueTask<bool> posted)
    {
        while (!await posted.ConfigureAwait(false))
        {
            // The activation closed between lookup and post: it is deactivating, so find its successor.
            if (directory.IsStopping)
            {
                throw new GrainRuntimeStoppingException(request.Target.TypeName, request.Target.Key);
            }

            var next = directory.GetOrActivate(request.Target);
            if (ReferenceEquals(next, activation))
            {
                // Not yet out of the directory: wait until it is, rather than spin.
                await activation.Completion.ConfigureAwait(false);
                next = directory.GetOrActivate(request.Target);
            }

            activation = next;
            posted = activation.PostAsync(request);
        }

        return request.Reply;
    }
}
