using ShortVideo.Catalog;

namespace ShortVideo.Feeds;

/// <summary>One item of a feed page: a video the viewer may see, why it is there, and what to prefetch to start it at once.</summary>
/// <param name="Video">The video's record (ready, visible to the viewer).</param>
/// <param name="Hashtags">Its hashtags (<see cref="Catalog.Hashtags.Parse"/> of the caption).</param>
/// <param name="Reason">Why the feed shows it.</param>
/// <param name="Prefetch">Media a client fetches ahead (relative to the video's media version), or null when unknown.</param>
public sealed record FeedItem(VideoRecord Video, IReadOnlyList<string> Hashtags, FeedReason Reason, FeedPrefetch? Prefetch);

/// <summary>Why a feed shows a video.</summary>
public enum FeedReason
{
    /// <summary>Picked for the viewer by their learned tastes.</summary>
    Personalised,

    /// <summary>From a creator the viewer follows.</summary>
    Following,

    /// <summary>Popular now.</summary>
    Trending,

    /// <summary>New: an exploration slot, or the latest videos.</summary>
    New,
}

/// <summary>
/// The start of a middle rung of a video's HLS ladder, as paths relative to its media version: a client fetches the
/// segment (and init) of the next video while the current one plays, so the next starts without a round trip.
/// </summary>
/// <param name="Playlist">The rung's media playlist.</param>
/// <param name="Init">Its initialization segment (fMP4), or null when it has none.</param>
/// <param name="Segment">Its first media segment.</param>
public sealed record FeedPrefetch(string Playlist, string? Init, string Segment);

/// <summary>A page of a feed and the opaque cursor of the next one (null when there is nothing more now).</summary>
/// <param name="Items">The items, in order.</param>
/// <param name="NextCursor">Hand it back for the next page.</param>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? NextCursor);
