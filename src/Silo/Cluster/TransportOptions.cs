using System.ComponentModel.DataAnnotations;

namespace SessionKit.Silo.Cluster;

/// <summary>How grain messages travel (SessionKit:Transport): in this process, or between nodes over RabbitMQ.</summary>
public sealed class TransportOptions
{
    public const string SectionName = "SessionKit:Transport";

    /// <summary>Environment variable that overrides <see cref="Provider"/>.</summary>
    public const string ProviderVariable = "SESSIONKIT_TRANSPORT";

    /// <summary>Environment variable that overrides <see cref="RabbitMq"/>.</summary>
    public const string RabbitMqVariable = "SESSIONKIT_RABBITMQ";

    /// <summary><c>local</c> (one node, the default) or <c>rabbitmq</c> (a cluster).</summary>
    [Required]
    public string Provider { get; set; } = "local";

    /// <summary>The broker's AMQP URI, such as amqp://user:pass@rabbitmq:5672/ (with <c>rabbitmq</c>).</summary>
    public string? RabbitMq { get; set; }

    public bool UsesRabbitMq => string.Equals(Provider, "rabbitmq", StringComparison.OrdinalIgnoreCase);
}
