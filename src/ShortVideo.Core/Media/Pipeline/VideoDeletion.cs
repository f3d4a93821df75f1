using Microsoft.Extensions.Logging;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Media.Storage;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Deletes a video for its creator, and the stored files nothing else needs: media and original bytes are shared by
/// every video with the same bytes (<see cref="VideoRecord.MediaKey"/>, content-addressed blobs), so they go only
/// with the last video that uses them. Registered by <c>AddMediaPipeline()</c>.
/// </summary>
public sealed class VideoDeletion
{
    private readonly IVideoCatalog _catalog;
    private readonly IMediaStore _media;
    private readonly IBlobStore _blobs;
    private readonly VideoLifecycle _lifecycle;

    /// <summary>Deletion over the catalog and the stores; the lifecycle's listeners (feeds, search, ranking) forget the video.</summary>
    public VideoDeletion(
        IVideoCatalog catalog, IMediaStore media, IBlobStore blobs, IEnumerable<IVideoLifecycleListener> listeners, ILogger<VideoDeletion> logger)
    {
        _catalog = catalog;
        _media = media;
        _blobs = blobs;
        _lifecycle = new VideoLifecycle(listeners, logger);
    }

    // As many copies of one file as anyone will upload; beyond it the files are kept, never deleted under a reader.
    private const int SiblingLimit = 1000;

    /// <summary>
    /// Deletes <paramref name="videoId"/> if <paramref name="requesterId"/> may manage it (<see cref="VideoAccess.CanManage"/>);
    /// false when it does not exist or they may not, which callers answer alike (404).
    /// </summary>
    public async Task<bool> DeleteAsync(string videoId, string requesterId, CancellationToken cancellationToken)
    {
        var video = await _catalog.GetManageableAsync(videoId, requesterId, cancellationToken).ConfigureAwait(false);
        if (video is null || !await _catalog.DeleteAsync(video.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await _lifecycle.DeletedAsync(video, cancellationToken).ConfigureAwait(false);

        // The record goes first: a copy completing meanwhile either sees it gone and keeps what it needs (its own
        // record is listed below), or has no record yet and will store its bytes again.
        var remaining = await _catalog.ListBySha256Async(video.Sha256, SiblingLimit, cancellationToken).ConfigureAwait(false);
        if (remaining.Count >= SiblingLimit)
        {
            return true;
        }

        if (!remaining.Any(other => other.MediaKey == video.MediaKey))
        {
            await _media.DeleteAsync(video.MediaKey, keepVersion: null, cancellationToken).ConfigureAwait(false);
        }

        if (remaining.Count == 0)
        {
            await _blobs.DeleteAsync(video.Sha256, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
