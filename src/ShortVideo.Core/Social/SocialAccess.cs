using ShortVideo.Catalog;

namespace ShortVideo.Social;

/// <summary>
/// The video rule of the social features: a viewer may like, comment on, or report events about a video they may see
/// (<see cref="VideoAccess"/>) whose creator and they have not blocked each other. Anything else is answered exactly as
/// an unknown id.
/// </summary>
internal sealed class SocialAccess(IVideoCatalog catalog, ISocialGraph graph)
{
    public async ValueTask<VideoRecord?> VideoAsync(VideoViewer viewer, string videoId, CancellationToken cancellationToken)
    {
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (video is null || !VideoAccess.CanView(video, viewer))
        {
            return null;
        }

        return viewer.UserId is { } userId && !IsSelf(userId, video.CreatorId)
            && (await graph.GetBlockStateAsync(userId, video.CreatorId, cancellationToken).ConfigureAwait(false)).Any
            ? null
            : video;
    }

    /// <summary>Whether <paramref name="video"/> is one <paramref name="viewerId"/> may interact with, given the users blocked either way.</summary>
    public static bool Allows(VideoRecord video, string viewerId, IReadOnlySet<string> blockedEitherWay) =>
        VideoAccess.CanView(video, viewerId) && !blockedEitherWay.Contains(video.CreatorId);

    public static bool IsSelf(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
