namespace ShortVideo.Social;

/// <summary>The users of the platform.</summary>
public interface IUserDirectory
{
    /// <summary>
    /// The user's profile, created with a handle derived from <paramref name="userId"/> when this is their first
    /// request; also records that they are active now (written at most once an hour per user).
    /// </summary>
    ValueTask<UserProfile> EnsureAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The profile, or null when no such user exists.</summary>
    ValueTask<UserProfile?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The profiles of those of <paramref name="userIds"/> that exist, by id.</summary>
    ValueTask<IReadOnlyDictionary<string, UserProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes what the user may change of <paramref name="profile"/> (handle, display name, bio, avatar), already
    /// validated (<see cref="ProfileRules"/>). False when another user holds the handle (compared case-insensitively).
    /// </summary>
    ValueTask<bool> TryUpdateAsync(UserProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// Bulk import for seeding a node that is not running (<c>svctl seed</c>): adds <paramref name="profiles"/> as given
    /// (handles already valid and unique) in one transaction per call; returns how many were new (a user whose id or
    /// handle exists already is skipped). The caller makes them searchable.
    /// </summary>
    ValueTask<int> ImportAsync(IReadOnlyList<UserProfile> profiles, CancellationToken cancellationToken);

    /// <summary>Clears <paramref name="videoId"/> as an avatar wherever it is one (the video was deleted).</summary>
    ValueTask ForgetAvatarAsync(string videoId, CancellationToken cancellationToken);
}
