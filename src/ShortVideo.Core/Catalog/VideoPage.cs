namespace ShortVideo.Catalog;

/// <summary>One page of a list of videos, and where the next one starts.</summary>
public sealed record VideoPage
{
    /// <summary>Page size when the client names none.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Largest page a list returns (one request stays cheap): the API refuses a larger limit with 400, a store caps it.</summary>
    public const int MaxLimit = 100;

    /// <summary>Largest page of a bulk read by the node itself (loading every ready video at start), not by a client.</summary>
    public const int MaxBulkLimit = 1000;

    /// <summary>The videos of this page, in list order.</summary>
    public required IReadOnlyList<VideoRecord> Items { get; init; }

    /// <summary>Where the next page starts; null on the last page.</summary>
    public VideoListCursor? Next { get; init; }

    /// <summary>
    /// The page size to use for a requested <paramref name="limit"/>: at most <see cref="MaxLimit"/>.
    /// A limit below 1 is the caller's bug, not a request for nothing.
    /// </summary>
    public static int Cap(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Math.Min(limit, MaxLimit);
    }
}
