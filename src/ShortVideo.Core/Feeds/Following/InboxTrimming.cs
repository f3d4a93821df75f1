namespace ShortVideo.Feeds.Following;

/// <summary>
/// When a push trims the inboxes it adds to, the same for every inbox store. Trimming reads the capacity's worth of
/// an inbox, so a push of one video trims on about one video in <see cref="TrimEvery"/> (chosen by a stable hash of
/// its id): a push to many followers stays one cheap insert each, an inbox nobody reads overshoots its capacity by
/// about that many entries, and a read of the feed's top trims the reader's exactly. A push of several trims always.
/// </summary>
internal static class InboxTrimming
{
    public const int TrimEvery = 16;

    public static bool TrimsOnPush(IReadOnlyCollection<InboxEntry> entries) =>
        entries.Count > 1 || StableHash(entries.First().VideoId) % TrimEvery == 0;

    /// <summary>FNV-1a of the id: the same on every run and node (string.GetHashCode is randomised per process).</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
