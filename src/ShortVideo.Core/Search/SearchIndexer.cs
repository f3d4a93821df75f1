using ShortVideo.Catalog;
using ShortVideo.Social;

namespace ShortVideo.Search;

/// <summary>
/// Keeps the search indexes in step with the catalog: a video enters when it is ready and public (with its creator,
/// by profile when there is one, by id otherwise) and leaves when it is deleted or made private.
/// </summary>
internal sealed class SearchIndexer(IVideoSearchIndex videos, IUserSearchIndex users, IEnumerable<IUserDirectory> directories) : IVideoLifecycleListener
{
    private readonly IUserDirectory? _directory = directories.FirstOrDefault();

    public async ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (!Searchable(video))
        {
            await videos.RemoveAsync(video.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        await videos.IndexAsync([SearchableVideo.From(video)], cancellationToken).ConfigureAwait(false);
        await IndexCreatorAsync(video.CreatorId, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        return videos.RemoveAsync(video.Id, cancellationToken);
    }

    /// <summary>What anyone may find: ready and public (<see cref="VideoAccess"/> for an anonymous viewer).</summary>
    public static bool Searchable(VideoRecord video) => video.Status == VideoStatus.Ready && VideoAccess.CanView(video, VideoViewer.Anonymous);

    /// <summary>The creator by their profile when the platform has profiles; by id (never overwriting a profile) otherwise.</summary>
    public async ValueTask IndexCreatorAsync(string creatorId, CancellationToken cancellationToken)
    {
        if (_directory is not null && await _directory.GetAsync(creatorId, cancellationToken).ConfigureAwait(false) is { } profile)
        {
            await users.UpsertAsync(profile.Id, profile.Handle, profile.DisplayName, cancellationToken).ConfigureAwait(false);
            return;
        }

        await users.EnsureAsync(creatorId, cancellationToken).ConfigureAwait(false);
    }
}
