namespace ShortVideo.Catalog;

/// <summary>Stores video records.</summary>
public interface IVideoCatalog
{
    /// <summary>Adds a new video.</summary>
    ValueTask CreateAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>Returns the video, or null.</summary>
    ValueTask<VideoRecord?> GetAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>
    /// The videos of <paramref name="videoIds"/> that exist, by id (a feed page's records in one read). The default
    /// reads them one by one; a store that can read many at once overrides it.
    /// </summary>
    async ValueTask<IReadOnlyDictionary<string, VideoRecord>> GetManyAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var found = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        foreach (var id in videoIds)
        {
            if (!found.ContainsKey(id) && await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } video)
            {
                found[id] = video;
            }
        }

        return found;
    }

    /// <summary>
    /// Writes what processing and the owner may change: status, error, duration, visibility, media version,
    /// thumbnails and near-duplicate. Returns false when no such video exists.
    /// </summary>
    ValueTask<bool> UpdateAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>Ids of videos in <paramref name="status"/>, oldest first (for recovery after a crash).</summary>
    ValueTask<IReadOnlyList<string>> ListIdsAsync(VideoStatus status, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the video's record; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Videos whose original has these bytes (hex SHA-256), oldest first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<VideoRecord>> ListBySha256Async(string sha256, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The videos of <paramref name="creatorId"/> (every status and visibility: the list is for the creator), newest
    /// first, starting just after <paramref name="after"/> (null: the newest); at most <paramref name="limit"/>
    /// (capped by <see cref="VideoPage.Cap"/>), with the cursor of the next page when there are more.
    /// </summary>
    ValueTask<VideoPage> ListByCreatorAsync(string creatorId, VideoListCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Ready public videos (those anyone may be shown), newest first, starting just after <paramref name="after"/>
    /// (null: the newest); at most <paramref name="limit"/> (1 to <see cref="VideoPage.MaxBulkLimit"/>), with the cursor
    /// of the next page when there are more. The ranking engine loads its candidates from it; feeds use it for "latest".
    /// </summary>
    ValueTask<VideoPage> ListPublicReadyAsync(VideoListCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Bulk import for seeding a node that is not running (<c>svctl seed</c>): adds <paramref name="videos"/> with every
    /// field as given (status, media version, media source, thumbnails included) in one transaction per call, and
    /// returns how many were new (an existing id is left as it is). Nothing is told to lifecycle listeners: the
    /// caller indexes what it imports, and a node's ranking engine loads ready public videos at start.
    /// </summary>
    ValueTask<int> ImportAsync(IReadOnlyList<VideoRecord> videos, CancellationToken cancellationToken);

    /// <summary>
    /// Checks that the metadata store answers and is intact, cheaply enough for every health probe; throws with a
    /// sentence saying what is wrong (and how to restore) when it is not.
    /// </summary>
    ValueTask CheckAsync(CancellationToken cancellationToken);
}
