namespace ShortVideo.Feeds.ForYou;

/// <summary>How the For You feed assembles pages (configuration section <c>Feed:ForYou</c>).</summary>
public sealed class ForYouOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Feed:ForYou";

    /// <summary>Largest page a client may ask for.</summary>
    public const int MaxPageSize = 50;

    /// <summary>Page size when the client names none.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>Candidates one fresh retrieval fetches for a user; the following pages are cut from them.</summary>
    public int CandidateCount { get; set; } = 100;

    /// <summary>Users whose candidates are cached at once (least recently used leave first).</summary>
    public int CandidateCacheSize { get; set; } = 100_000;

    /// <summary>How long cached candidates serve pages before a fresh retrieval.</summary>
    public TimeSpan CandidateCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After an interaction of the user, cached candidates younger than this keep serving the session's next pages;
    /// older ones are retrieved afresh, so the next page reflects what the user just did. A person scrolls a page in a
    /// minute or two, so their next page is fresh; a client paging through in a burst is served from the cache. Zero
    /// makes every interaction force a fresh retrieval. A first page (no cursor) is always retrieved afresh.
    /// </summary>
    public TimeSpan CandidateRefreshAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sessions (a first page and the pages after it) remembered at once; each holds what it served.</summary>
    public int SessionCount { get; set; } = 100_000;

    /// <summary>
    /// How long a session's cursor stays valid after the page that issued it; an older cursor is refused (400) and the
    /// client starts over without one.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a fresh retrieval waits for others to share its scan. 1 ms costs a lone request little and lets a
    /// busy node batch dozens of users per scan.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>A batch runs at once when this many retrievals are waiting.</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>Recently watched videos the feed leaves out.</summary>
    public int RecentlyWatchedLimit { get; set; } = 500;

    /// <summary>
    /// At most this many items of a page come from the following inbox (the newest videos of creators the viewer
    /// follows, reason "following"); 0 turns the source off.
    /// </summary>
    public int FollowingSlots { get; set; } = 2;

    /// <summary>
    /// How long a page waits for the session's read of followed creators' newest videos before it is served without
    /// its following slots (the read goes on, and the session's next pages use it). The first read in a week rebuilds
    /// the reader's inbox, which can take far longer than a page should.
    /// </summary>
    public TimeSpan FollowingWait { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Newest videos of the following inbox read per session to fill <see cref="FollowingSlots"/> (1 to 50).</summary>
    public int FollowingLookback { get; set; } = 20;

    /// <summary>At most this many items of a page come from trending videos of the last 24 hours (reason "trending"); 0 turns the source off.</summary>
    public int TrendingSlots { get; set; } = 1;

    /// <summary>Top trending videos looked at per page to fill <see cref="TrendingSlots"/>.</summary>
    public int TrendingLookback { get; set; } = 50;

    internal void Validate()
    {
        Check(FollowingSlots is >= 0 and <= MaxPageSize, $"Feed:ForYou:FollowingSlots must be between 0 and {MaxPageSize}; it is {FollowingSlots}.");
        Check(FollowingWait >= TimeSpan.Zero && FollowingWait <= TimeSpan.FromSeconds(30), $"Feed:ForYou:FollowingWait must be between 0 and 30 seconds; it is {FollowingWait}.");
        Check(FollowingLookback is >= 1 and <= 50, $"Feed:ForYou:FollowingLookback must be between 1 and 50; it is {FollowingLookback}.");
        Check(TrendingSlots is >= 0 and <= MaxPageSize, $"Feed:ForYou:TrendingSlots must be between 0 and {MaxPageSize}; it is {TrendingSlots}.");
        Check(TrendingLookback is >= 1 and <= 1000, $"Feed:ForYou:TrendingLookback must be between 1 and 1000; it is {TrendingLookback}.");
        Check(CandidateCount is >= 1 and <= 500, $"Feed:ForYou:CandidateCount must be between 1 and 500; it is {CandidateCount}.");
        Check(CandidateCacheSize >= 1, $"Feed:ForYou:CandidateCacheSize must be at least 1; it is {CandidateCacheSize}.");
        Check(CandidateCacheLifetime > TimeSpan.Zero, $"Feed:ForYou:CandidateCacheLifetime must be positive; it is {CandidateCacheLifetime}.");
        Check(CandidateRefreshAge >= TimeSpan.Zero && CandidateRefreshAge <= CandidateCacheLifetime, $"Feed:ForYou:CandidateRefreshAge must be between 0 and CandidateCacheLifetime; it is {CandidateRefreshAge}.");
        Check(SessionCount >= 1, $"Feed:ForYou:SessionCount must be at least 1; it is {SessionCount}.");
        Check(SessionLifetime > TimeSpan.Zero, $"Feed:ForYou:SessionLifetime must be positive; it is {SessionLifetime}.");
        Check(CoalesceWindow >= TimeSpan.Zero && CoalesceWindow <= TimeSpan.FromSeconds(1), $"Feed:ForYou:CoalesceWindow must be between 0 and 1 second; it is {CoalesceWindow}.");
        Check(MaxBatch is >= 1 and <= 1024, $"Feed:ForYou:MaxBatch must be between 1 and 1024; it is {MaxBatch}.");
        Check(RecentlyWatchedLimit is >= 0 and <= 10_000, $"Feed:ForYou:RecentlyWatchedLimit must be between 0 and 10000; it is {RecentlyWatchedLimit}.");
    }

    private static void Check(bool valid, string sentence)
    {
        if (!valid)
        {
            throw new InvalidOperationException(sentence);
        }
    }
}
