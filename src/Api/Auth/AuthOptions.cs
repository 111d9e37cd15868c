namespace SessionKit.Api.Auth;

public sealed class AuthOptions
{
    public const string SectionName = "SessionKit:Auth";

    /// <summary>Bearer token for scripts and CI; SESSIONKIT_ADMIN_TOKEN sets it. Empty disables token access.</summary>
    public string? AdminToken { get; set; }

    /// <summary>How long a dashboard login lasts without use.</summary>
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromHours(12);
}
