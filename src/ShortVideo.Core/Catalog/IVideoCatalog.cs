namespace ShortVideo.Catalog;

/// <summary>Stores video records.</summary>
public interface IVideoCatalog
{
    /// <summary>Adds a new video.</summary>
    ValueTask CreateAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>Returns the video, or null.</summary>
    ValueTask<VideoRecord?> GetAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes what processing and the owner may change: status, error, duration, visibility, media version,
    /// thumbnails and near-duplicate. Returns false when no such video exists.
    /// </summary>
    ValueTask<bool> UpdateAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>Ids of videos in <paramref name="status"/>, oldest first (for recovery after a crash).</summary>
    ValueTask<IReadOnlyList<string>> ListIdsAsync(VideoStatus status, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The videos of <paramref name="creatorId"/> (every status and visibility: the list is for the creator), newest
    /// first, starting just after <paramref name="after"/> (null: the newest); at most <paramref name="limit"/>
    /// (capped by <see cref="VideoPage.Cap"/>), with the cursor of the next page when there are more.
    /// </summary>
    ValueTask<VideoPage> ListByCreatorAsync(string creatorId, VideoListCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Checks that the metadata store answers (health checks); throws with the reason when it does not.</summary>
    ValueTask CheckAsync(CancellationToken cancellationToken);
}
