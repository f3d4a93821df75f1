namespace ShortVideo.Hosting.Auth;

/// <summary>The roles a bearer token may grant, each as a <see cref="ClaimType"/> claim (an identity provider adds them the same way).</summary>
public static class ShortVideoRoles
{
    /// <summary>The claim that names a role; a token carries it once per role.</summary>
    public const string ClaimType = "role";

    /// <summary>Sees private videos and every link between videos (near-duplicates, identical bytes); manages none of them.</summary>
    public const string Moderator = "moderator";
}
