using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Catalog;

namespace ShortVideo.Hosting.Auth;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated user's id: the token's <c>sub</c>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The principal has no <c>sub</c>: the endpoint was reached without authentication, so it lacks RequireAuthorization().
    /// </exception>
    public static string GetUserId(this ClaimsPrincipal principal) =>
        principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value
        ?? throw new InvalidOperationException(
            "The request has no authenticated user: GetUserId() is only valid on endpoints with RequireAuthorization().");

    /// <summary>Who is looking, for <see cref="VideoAccess"/>: anonymous when the request carries no valid token.</summary>
    public static VideoViewer GetViewer(this ClaimsPrincipal principal) =>
        principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { } userId
            ? new VideoViewer(userId, principal.HasClaim(ShortVideoRoles.ClaimType, ShortVideoRoles.Moderator))
            : VideoViewer.Anonymous;
}
