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
        var posted = PostAsync<TResult>(message);
        return posted.IsCompletedSuccessfully ? posted.Result : UnwrapAsync(posted);
    }

    /// <summary>
    /// Queues the message in its activation's mailbox; completes once it is queued (waiting for room in
    /// a full mailbox) with the task of the grain's reply. A remote transport awaits the first part before
    /// taking the next message of the same grain, which keeps the grain's arrival order.
    /// </summary>
    public ValueTask<Task<TResult>> PostAsync<TResult>(GrainMessage message)
    {
        if (message.Method is not GrainMethod<TResult> method)
        {
            throw new ArgumentException($"{message.Method} does not return {typeof(TResult).Name}.", nameof(message));
        }

        var request = new GrainRequest<TResult>(message, method);
        var activation = directory.GetOrActivate(message.Target);
        var posted = activation.PostAsync(request);

        // The common case stays synchronous: the message is queued before the caller gets its task.
        return posted.IsCompletedSuccessfully && posted.Result
            ? new ValueTask<Task<TResult>>(request.Reply)
            : PostSlowlyAsync(request, activation, posted);
    }

    private static async Task<TResult> UnwrapAsync<TResult>(ValueTask<Task<TResult>> posted) =>
        await (await posted.ConfigureAwait(false)).ConfigureAwait(false);

    private async ValueTask<Task<TResult>> PostSlowlyAsync<TResult>(GrainRequest<TResult> request, GrainActivation activation, ValueTask<bool> posted)
    {
        while (!await posted.ConfigureAwait(false))
        {
            // The activation closed between lookup and post: it is deactivating, so find its successor.
            if (directory.IsStopping)
            {
                throw new GrainRuntimeStoppingException(request.Message.Target.TypeName, request.Message.Target.Key);
            }

            var next = directory.GetOrActivate(request.Message.Target);
            if (ReferenceEquals(next, activation))
            {
                // Not yet out of the directory: wait until it is, rather than spin.
                await activation.Completion.ConfigureAwait(false);
                next = directory.GetOrActivate(request.Message.Target);
            }

            activation = next;
            posted = activation.PostAsync(request);
        }

        return request.Reply;
    }
}
