namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// What one For You session (a first page and the pages after it) has served, so no page repeats an item, and its last
/// item, so spacing rules hold across a page boundary. Kept in process (bounded, expiring with the cursor); a session
/// forgotten under memory pressure starts over from an empty history.
/// </summary>
internal sealed class FeedSession
{
    /// <summary>
    /// Items one session may serve (hundreds of pages); past it the session ends (no next cursor) and the client starts
    /// a new one, so a client paging forever cannot grow one session's memory without bound.
    /// </summary>
    public const int MaxServed = 10_000;

    private readonly Lock _gate = new();
    private readonly HashSet<long> _served = [];

    public string? LastCreator { get; private set; }

    /// <summary>Where the latest source's scan starts: past the newest pages holding nothing the viewer may still see.</summary>
    public ShortVideo.Catalog.VideoListCursor? LatestAfter { get; set; }

    /// <summary>
    /// The viewer's watched and "not interested" videos (ranking ids), read once at the session's first page: what
    /// they watch or refuse later in the session was served in it, and served items are excluded anyway.
    /// </summary>
    public IReadOnlySet<long>? Refused { get; set; }

    private Task<IReadOnlyList<FeedItem>>? _following;

    /// <summary>
    /// The read of the newest videos of followed creators for the session's following slots: started once, by the
    /// first page that asks, and shared by every page after it.
    /// </summary>
    public Task<IReadOnlyList<FeedItem>> Following(Func<Task<IReadOnlyList<FeedItem>>> start)
    {
        lock (_gate)
        {
            return _following ??= start();
        }
    }

    public IReadOnlyList<string> LastHashtags { get; private set; } = [];

    public int ServedCount
    {
        get
        {
            lock (_gate)
            {
                return _served.Count;
            }
        }
    }

    public void CopyServedTo(HashSet<long> destination)
    {
        lock (_gate)
        {
            destination.UnionWith(_served);
        }
    }

    public void Served(IReadOnlyList<FeedItem> page)
    {
        if (page.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var item in page)
            {
                _served.Add(RankingIds.Of(item.Video.Id));
            }

            LastCreator = page[^1].Video.CreatorId;
            LastHashtags = page[^1].Hashtags;
        }
    }
}
