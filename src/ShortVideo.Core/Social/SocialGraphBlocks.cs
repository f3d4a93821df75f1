using ShortVideo.Catalog;

namespace ShortVideo.Social;

/// <summary>The catalog's view of blocks (<see cref="IUserBlocks"/>), answered by the social graph.</summary>
internal sealed class SocialGraphBlocks(ISocialGraph graph) : IUserBlocks
{
    public async ValueTask<bool> BlockedEitherWayAsync(string viewerId, string otherUserId, CancellationToken cancellationToken) =>
        (await graph.GetBlockStateAsync(viewerId, otherUserId, cancellationToken).ConfigureAwait(false)).Any;
}
