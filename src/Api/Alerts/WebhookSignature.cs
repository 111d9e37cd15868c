using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionKit.Api.Alerts;

/// <summary>
/// Signs webhook bodies: <c>X-SessionKit-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}"&gt;</c> with the
/// webhook's secret, and the timestamp (Unix seconds) in <c>X-SessionKit-Timestamp</c>, so a receiver can refuse
/// both forged and replayed deliveries. <c>X-SessionKit-Delivery</c> names the delivery and stays the same across its
/// retries (and a repeat after a node stopped mid-delivery), so a receiver can drop what it already has.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-SessionKit-Signature";
    public const string TimestampHeader = "X-SessionKit-Timestamp";
    public const string DeliveryHeader = "X-SessionKit-Delivery";

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
