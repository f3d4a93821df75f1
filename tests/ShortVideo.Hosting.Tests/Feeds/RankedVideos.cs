using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// Many ready videos for tests about ranking, not media: records written to the node's catalog and announced to its
/// lifecycle listeners as the media pipeline does (no transcode); interactions told to its observers as
/// POST /api/v1/events does once it has stored them.
/// </summary>
internal static class RankedVideos
{
    public static async Task AddAsync(InProcessNode node, string id, string creator, string caption, DateTimeOffset? createdAt = null)
    {
        var video = new VideoRecord
        {
            Id = id,
            CreatorId = creator,
            Sha256 = new string('0', 64),
            Caption = caption,
            Status = VideoStatus.Ready,
            MediaVersion = "v1",
            DurationMs = 3000,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
        };
        await node.App.Services.GetRequiredService<IVideoCatalog>().CreateAsync(video, CancellationToken.None);
        await node.App.Services.GetRequiredService<IVideoCatalog>().UpdateAsync(video, CancellationToken.None);
        var lifecycle = new VideoLifecycle(node.App.Services.GetServices<IVideoLifecycleListener>(), NullLogger.Instance);
        await lifecycle.ReadyAsync(video, CancellationToken.None);
    }

    public static async Task ObserveAsync(InProcessNode node, params UserInteraction[] interactions)
    {
        foreach (var observer in node.App.Services.GetServices<IInteractionObserver>())
        {
            await observer.ObserveAsync(interactions, CancellationToken.None);
        }
    }
}
