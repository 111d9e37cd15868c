namespace SessionKit.Silo;

/// <summary>
/// Something the request needs is temporarily unavailable (a full grain mailbox, a runtime shutting down,
/// later a broker or database): the same request is expected to succeed if sent again after
/// <see cref="RetryAfter"/>. The HTTP layer answers 503 with a Retry-After header for every subclass.
/// </summary>
public abstract class ServiceUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>How long a caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
