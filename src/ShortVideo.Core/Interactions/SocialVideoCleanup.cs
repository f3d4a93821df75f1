using ShortVideo.Catalog;
using ShortVideo.Comments;
using ShortVideo.Social;

namespace ShortVideo.Interactions;

/// <summary>
/// Makes the social tables forget a deleted video: its likes (and the likes its creator received through it),
/// comments, "not interested" marks, watch history, counters, and its use as an avatar.
/// </summary>
internal sealed class SocialVideoCleanup(
    IInteractionStore interactions,
    ICommentStore comments,
    ICounterStore counterStore,
    BatchedCounters counters,
    IUserDirectory users) : IVideoLifecycleListener
{
    public ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        var likes = await interactions.ForgetVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
        await comments.DeleteVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
        counters.ForgetVideo(video.Id);
        await counterStore.DeleteVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
        if (likes > 0)
        {
            counters.AddUser(video.CreatorId, new UserCounts(0, 0, -likes));
        }

        await users.ForgetAvatarAsync(video.Id, cancellationToken).ConfigureAwait(false);
    }
}
