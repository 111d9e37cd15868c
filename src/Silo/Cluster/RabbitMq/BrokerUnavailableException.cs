namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>The message broker cannot be reached, or did not take a message: nothing was acknowledged, retry later.</summary>
public sealed class BrokerUnavailableException(string message, Exception? innerException = null)
    : ServiceUnavailableException(message, TimeSpan.FromSeconds(2), innerException);
