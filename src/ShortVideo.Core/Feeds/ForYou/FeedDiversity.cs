namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// The spacing rules of a feed page: never two consecutive items of one creator, a creator at most
/// <see cref="MaxPerCreator"/> times per page (both hard), and no hashtag on two consecutive items where one of the
/// next <see cref="HashtagLookahead"/> eligible candidates avoids it (soft, and near: spacing reorders neighbours, it does
/// not pull a weak candidate over a strong run of the viewer's favourite topic).
/// </summary>
internal static class FeedDiversity
{
    public const int MaxPerCreator = 2;

    public const int HashtagLookahead = 3;

    /// <summary>
    /// The index in <paramref name="pool"/> (best first) of the next item after one by <paramref name="previousCreator"/>
    /// with <paramref name="previousHashtags"/>; -1 when every candidate breaks a hard rule.
    /// </summary>
    public static int Next(IReadOnlyList<Candidate> pool, string? previousCreator, IReadOnlyList<string> previousHashtags, Dictionary<string, int> perCreator)
    {
        var fallback = -1;
        var eligible = 0;
        for (var i = 0; i < pool.Count && (fallback < 0 || eligible < HashtagLookahead); i++)
        {
            var candidate = pool[i].Video;
            if (string.Equals(candidate.CreatorId, previousCreator, StringComparison.Ordinal)
                || perCreator.GetValueOrDefault(candidate.CreatorId) >= MaxPerCreator)
            {
                continue;
            }

            eligible++;
            if (!SharesHashtag(candidate.Hashtags, previousHashtags))
            {
                return i;
            }

            if (fallback < 0)
            {
                fallback = i;
            }
        }

        return fallback;
    }

    private static bool SharesHashtag(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        foreach (var tag in a)
        {
            foreach (var other in b)
            {
                if (string.Equals(tag, other, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
