using ShortVideo.Catalog;

namespace ShortVideo.Feeds.Following;

/// <summary>A page of the Following feed: videos of the viewer's followees, newest first.</summary>
public sealed record FollowingPage
{
    /// <summary>Page size when the client names none.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 50;

    /// <summary>The videos, newest first; each is ready and visible to the viewer.</summary>
    public required IReadOnlyList<VideoRecord> Items { get; init; }

    /// <summary>The cursor of the next page (bound to the viewer); null when there is no more.</summary>
    public string? NextCursor { get; init; }
}
