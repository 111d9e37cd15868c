using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SessionKit.Silo.Hosting;

/// <summary>
/// This node's name: SESSIONKIT_NODE_ID, or one unique to this process. It names the node's viewer
/// leases, its row in the cluster's membership and its broker queues, so it is kept to characters
/// every one of those accepts.
/// </summary>
public sealed partial class NodeIdentity
{
    public const string Variable = "SESSIONKIT_NODE_ID";

    public NodeIdentity(IConfiguration configuration)
    {
        var configured = configuration[Variable];
        if (string.IsNullOrEmpty(configured))
        {
            Id = $"{Sanitize(Environment.MachineName)}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        }
        else if (!ValidId().IsMatch(configured))
        {
            throw new InvalidOperationException($"{Variable} must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }
        else
        {
            Id = configured;
        }
    }

    public string Id { get; }

    private static string Sanitize(string name) => InvalidCharacters().Replace(name, "-") is { Length: > 0 } clean ? clean[..Math.Min(clean.Length, 60)] : "node";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex ValidId();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidCharacters();
}
