namespace ShortVideo.Social;

/// <summary>How a follow or unfollow request ended.</summary>
public enum FollowStatus
{
    /// <summary>Done (or already so): <see cref="FollowResult.Following"/> is the state now.</summary>
    Done,

    /// <summary>No such user for the viewer (unknown, or they blocked the viewer).</summary>
    NotFound,

    /// <summary>Users cannot follow themselves.</summary>
    Self,

    /// <summary>The viewer blocked this user; they must unblock before following.</summary>
    ViewerBlocked,
}

/// <summary>The follow as the viewer now sees it.</summary>
/// <param name="Status">How the request ended.</param>
/// <param name="Following">Whether the viewer follows the user now.</param>
/// <param name="FollowerCount">The user's followers, the viewer included.</param>
public readonly record struct FollowResult(FollowStatus Status, bool Following = false, long FollowerCount = 0);

/// <summary>How a block or unblock request ended.</summary>
public enum BlockStatus
{
    /// <summary>Done (or already so).</summary>
    Done,

    /// <summary>No such user for the viewer.</summary>
    NotFound,

    /// <summary>Users cannot block themselves.</summary>
    Self,
}

/// <summary>A profile as one viewer sees it.</summary>
public sealed record ProfileView
{
    /// <summary>The profile.</summary>
    public required UserProfile Profile { get; init; }

    /// <summary>Followers, following, likes received.</summary>
    public Interactions.UserCounts Counts { get; init; }

    /// <summary>The video whose poster is the avatar, when it is still the user's ready public video; else null.</summary>
    public Catalog.VideoRecord? Avatar { get; init; }

    /// <summary>The viewer follows this user.</summary>
    public bool FollowedByMe { get; init; }

    /// <summary>This user follows the viewer.</summary>
    public bool FollowsMe { get; init; }

    /// <summary>The viewer blocked this user (they still see the profile, to unblock it).</summary>
    public bool BlockedByMe { get; init; }
}

/// <summary>What <c>PATCH /api/v1/me</c> asks to change; null leaves a field as it is.</summary>
public sealed record ProfileUpdate
{
    /// <summary>A new handle.</summary>
    public string? Handle { get; init; }

    /// <summary>A new display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>A new bio (empty clears it).</summary>
    public string? Bio { get; init; }

    /// <summary>A new avatar: one of the user's own ready public videos; empty clears it.</summary>
    public string? AvatarVideoId { get; init; }
}

/// <summary>How a profile update ended.</summary>
public enum ProfileUpdateStatus
{
    /// <summary>Saved.</summary>
    Updated,

    /// <summary>A value is not acceptable; nothing was saved.</summary>
    Invalid,

    /// <summary>Another user holds the handle; nothing was saved.</summary>
    HandleTaken,
}

/// <summary>The outcome of a profile update: the new profile, or why nothing was saved.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Error">A sentence for the user when it was not saved.</param>
/// <param name="Profile">The profile now, when saved.</param>
public sealed record ProfileUpdateResult(ProfileUpdateStatus Status, string? Error, ProfileView? Profile);
