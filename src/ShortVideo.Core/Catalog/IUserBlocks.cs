namespace ShortVideo.Catalog;

/// <summary>
/// The block half of who may see a video (<see cref="VisibleVideos"/>): whether two users blocked each other, in
/// either direction. The social graph answers it in a node; the catalog does not know how blocks are stored.
/// </summary>
public interface IUserBlocks
{
    /// <summary>Whether <paramref name="viewerId"/> blocked <paramref name="otherUserId"/> or was blocked by them.</summary>
    ValueTask<bool> BlockedEitherWayAsync(string viewerId, string otherUserId, CancellationToken cancellationToken);
}
