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
        if (message.Method is not GrainMethod<TResult> method)
        {
            throw new ArgumentException($"{message.Method} does not return {typeof(TResult).Name}.", nameof(message));
        }

        var request = new GrainRequest<TResult>(message, method);
        var activation = directory.GetOrActivate(message.Target);
        var posted = activation.PostAsync(request);

        // The common case stays synchronous: the message is queued before the caller gets its task.
        return posted.IsCompletedSuccessfully && posted.Result
            ? request.Reply
            : SendSlowlyAsync(request, activation, posted);
    }

    private async Task<TResult> SendSlowlyAsync<TResult>(GrainRequest<TResult> request, GrainActivation activation, ValueTask<bool> posted)
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

        return await request.Reply.ConfigureAwait(false);
    }
}
