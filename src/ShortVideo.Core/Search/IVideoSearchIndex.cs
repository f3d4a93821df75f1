using ShortVideo.Catalog;

namespace ShortVideo.Search;

/// <summary>
/// The search index of videos: public, ready videos by caption words and hashtags, and the hashtags themselves.
/// Embedded default: SQLite FTS5 in the metadata database (<c>AddSqliteSearch()</c>); PostgreSQL implements it with
/// tsvector and pg_trgm. The index holds only what may be shown to anyone; callers still check every video they
/// show against the catalog (<see cref="VideoAccess"/>), so a stale entry is never shown.
/// </summary>
public interface IVideoSearchIndex
{
    /// <summary>Adds or replaces <paramref name="videos"/> (idempotent: a video indexed twice is there once).</summary>
    ValueTask IndexAsync(IReadOnlyList<SearchableVideo> videos, CancellationToken cancellationToken);

    /// <summary>Forgets the video (deleted, made private); nothing when it is not indexed.</summary>
    ValueTask RemoveAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="videoIds"/> that are indexed.</summary>
    ValueTask<IReadOnlySet<string>> IndexedAmongAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken);

    /// <summary>
    /// Video ids matching <paramref name="query"/>, best matches first (every word as typed, then with the last word
    /// completed, then with typos forgiven), newest first within each.
    /// </summary>
    ValueTask<SearchPage<string>> SearchAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Video ids carrying <paramref name="tag"/> (as <see cref="Hashtags.Normalize"/> gives it), newest first.</summary>
    ValueTask<SearchPage<string>> ListTaggedAsync(string tag, SearchCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Hashtags starting with the query's first word, most used first.</summary>
    ValueTask<SearchPage<HashtagHit>> SearchHashtagsAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken);
}

/// <summary>What the search index keeps of a video.</summary>
/// <param name="VideoId">The video id.</param>
/// <param name="CreatorId">Its creator.</param>
/// <param name="Caption">Its caption; hashtags are parsed from it (<see cref="Hashtags.Parse"/>).</param>
/// <param name="CreatedAt">When it was uploaded: newer videos come first among equally good matches.</param>
public sealed record SearchableVideo(string VideoId, string CreatorId, string? Caption, DateTimeOffset CreatedAt)
{
    /// <summary>The searchable part of <paramref name="video"/>.</summary>
    public static SearchableVideo From(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new(video.Id, video.CreatorId, video.Caption, video.CreatedAt);
    }
}
