namespace ShortVideo.Catalog;

/// <summary>Who is looking: a user id (null: anonymous) and whether they moderate (moderators see every video).</summary>
/// <param name="UserId">The authenticated user, or null for an anonymous request.</param>
/// <param name="IsModerator">A moderator sees private videos and every link between videos.</param>
public sealed record VideoViewer(string? UserId, bool IsModerator = false)
{
    /// <summary>A request without a (valid) token.</summary>
    public static VideoViewer Anonymous { get; } = new(UserId: null);
}
