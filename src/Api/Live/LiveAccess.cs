using System.Security.Claims;
using SessionKit.Api.Auth;

namespace SessionKit.Api.Live;

/// <summary>
/// Who may watch a project's sessions. Asked on every watch call, never inferred from an earlier
/// one, so a change of rights applies to the next call. Today administrators read every project.
/// </summary>
public sealed class LiveAccess
{
    /// <summary>Whether <paramref name="user"/> may read <paramref name="projectId"/>, or, with null, some project.</summary>
    public bool CanReadProject(ClaimsPrincipal user, string? projectId) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(AdminPolicy.Role) && projectId is not { Length: 0 };
}
