namespace ShortVideo.Search;

/// <summary>
/// The search index of users, by handle and display name. Whoever owns profiles calls <see cref="UpsertAsync"/> when
/// a user is created or changes their handle or name, and <see cref="RemoveAsync"/> when one goes; creators of indexed
/// videos are added with <see cref="EnsureAsync"/> so they can be found before their profile says more.
/// </summary>
public interface IUserSearchIndex
{
    /// <summary>Adds the user or replaces their handle and display name.</summary>
    ValueTask UpsertAsync(string userId, string handle, string displayName, CancellationToken cancellationToken);

    /// <summary>Adds the user under their id as handle and name, unless they are already indexed (never overwrites).</summary>
    ValueTask EnsureAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Forgets the user.</summary>
    ValueTask RemoveAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Users whose handle or display name matches <paramref name="query"/>, best matches first.</summary>
    ValueTask<SearchPage<UserHit>> SearchAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken);
}
