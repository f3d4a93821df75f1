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
}
