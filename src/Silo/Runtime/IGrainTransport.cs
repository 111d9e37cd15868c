namespace SessionKit.Silo.Runtime;

/// <summary>
/// Carries a grain call to wherever the grain lives and brings its result back. References only
/// ever talk to this, so callers never depend on sharing a process with the grain.
/// </summary>
internal interface IGrainTransport
{
    /// <summary>
    /// Delivers <paramref name="message"/>; <typeparamref name="TResult"/> is the method's result type,
    /// or <see cref="Unit"/> for methods without one. Failures come back as a faulted task.
    /// </summary>
    Task<TResult> SendAsync<TResult>(GrainMessage message);
}
