namespace ShortVideo.Cli.Bench;

/// <summary>The kinds of query <c>svctl bench search</c> mixes, and how often each comes.</summary>
internal enum SearchQueryKind
{
    /// <summary>One or two whole words, finished (a trailing space).</summary>
    Words,

    /// <summary>A word as typed, cut after 2 or more letters, sometimes after a whole word.</summary>
    Prefix,

    /// <summary>A word of 5 letters or more with one typo (insertion, deletion, substitution or swap).</summary>
    Typo,

    /// <summary>"#tag".</summary>
    Hashtag,

    /// <summary>A handle as typed, in the users index.</summary>
    User,
}

/// <summary>Draws the mixed queries: 30% words, 30% prefixes, 20% typos, 10% hashtags, 10% users.</summary>
internal static class SearchWorkload
{
    public static (SearchQueryKind Kind, string Text) Next(SearchCorpus corpus, Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 30 => (SearchQueryKind.Words, random.Next(2) == 0 ? corpus.Word(random) + " " : $"{corpus.Word(random)} {corpus.Word(random)} "),
            < 60 => (SearchQueryKind.Prefix, (random.Next(3) == 0 ? corpus.Word(random) + " " : string.Empty) + Cut(corpus.Word(random), random)),
            < 80 => (SearchQueryKind.Typo, Typo(LongWord(corpus, random), random) + " "),
            < 90 => (SearchQueryKind.Hashtag, "#" + corpus.Tag(random) + " "),
            _ => (SearchQueryKind.User, Cut(corpus.Users[random.Next(corpus.Users.Length)].Handle, random)),
        };
    }

    private static string Cut(string word, Random random) => word[..random.Next(Math.Min(2, word.Length), word.Length + 1)];

    private static string LongWord(SearchCorpus corpus, Random random)
    {
        while (true)
        {
            var word = corpus.Word(random);
            if (word.Length >= 5)
            {
                return word;
            }
        }
    }

    private static string Typo(string word, Random random)
    {
        var at = random.Next(word.Length - 1);
        var letter = (char)('a' + random.Next(26));
        return random.Next(4) switch
        {
            0 => word.Remove(at, 1),
            1 => word.Insert(at, letter.ToString()),
            2 => word.Remove(at, 1).Insert(at, letter.ToString()),
            _ => string.Concat(word.AsSpan(0, at), word.AsSpan(at + 1, 1), word.AsSpan(at, 1), word.AsSpan(at + 2)),
        };
    }
}
