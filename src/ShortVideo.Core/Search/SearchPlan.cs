using System.Text;

namespace ShortVideo.Search;

/// <summary>A query word and the index terms it may stand for.</summary>
/// <param name="Term">The word as typed (folded).</param>
/// <param name="Hashtag">Matches hashtags only ('#' before it).</param>
/// <param name="Completions">Indexed words it starts (the last word while typing), most used first.</param>
/// <param name="Typos">Indexed words one typo away, most used first.</param>
internal sealed record WordVariants(string Term, bool Hashtag, IReadOnlyList<string> Completions, IReadOnlyList<string> Typos);

/// <summary>
/// How a full-text engine spells a tier's expression: <see cref="Term"/> quotes one term (true: a hashtag word, to be
/// matched among hashtags only) so it is always a word and never an operator; <see cref="And"/> and <see cref="Or"/>
/// join; <see cref="AndNot"/> sits between a tier and the tiers it excludes.
/// </summary>
internal sealed record SearchSyntax(Func<string, bool, string> Term, string And, string Or, string AndNot)
{
    /// <summary>SQLite FTS5 over (caption, tags), or one column of text when <paramref name="hashtagColumn"/> is null.</summary>
    public static SearchSyntax Fts5(string? hashtagColumn) => new(
        (term, hashtag) => hashtag && hashtagColumn is not null ? $"{hashtagColumn} : {SearchText.Quote(term)}" : SearchText.Quote(term),
        " AND ",
        " OR ",
        " NOT ");
}

/// <summary>
/// Relevance as tiers, each a full-text expression that excludes the tiers before it: 0 every word as typed,
/// 1 the last word completed, 2 typos forgiven. Within a tier the index's order (newest first) stands, so a page is a
/// range scan that stops at its limit instead of scoring every match; the expressions are built from quoted terms
/// only (<see cref="SearchSyntax.Term"/>).
/// </summary>
internal static class SearchPlan
{
    /// <summary>Each query word with the completions (the last word while typing) and typos a vocabulary gives it.</summary>
    public static async Task<List<WordVariants>> VariantsAsync(
        SearchQuery query, Func<string, Task<IReadOnlyList<string>>> completions, Func<string, Task<IReadOnlyList<string>>> typos)
    {
        var variants = new List<WordVariants>(query.Words.Count);
        for (var i = 0; i < query.Words.Count; i++)
        {
            var (term, hashtag) = query.Words[i];
            var completed = i == query.Words.Count - 1 && query.LastIsPrefix ? await completions(term).ConfigureAwait(false) : [];
            variants.Add(new WordVariants(term, hashtag, completed, await typos(term).ConfigureAwait(false)));
        }

        return variants;
    }

    /// <summary>The tiers' expressions, best first; a tier that would add nothing is left out (its slot is null).</summary>
    public static string?[] Tiers(IReadOnlyList<WordVariants> words, SearchSyntax syntax)
    {
        var exact = Expression(words, syntax, static (w, _) => [w.Term]);
        var completed = Expression(words, syntax, static (w, last) => last ? [w.Term, .. w.Completions] : [w.Term]);
        var forgiving = Expression(words, syntax, static (w, last) => last ? [w.Term, .. w.Completions, .. w.Typos] : [w.Term, .. w.Typos]);
        return
        [
            exact,
            completed == exact ? null : $"({completed}){syntax.AndNot}({exact})",
            forgiving == completed ? null : $"({forgiving}){syntax.AndNot}({completed})",
        ];
    }

    /// <summary>
    /// Reads tier after tier from <paramref name="after"/> until a page and one more item are found:
    /// <paramref name="read"/> gets a tier's expression, the exclusive upper document key and the rows wanted, and
    /// returns (document key, item) newest first.
    /// </summary>
    public static async Task<SearchPage<T>> PageAsync<T>(
        string?[] tiers, string scope, SearchCursor? after, int limit, Func<string, long, int, Task<List<(long Doc, T Item)>>> read)
    {
        var items = new List<(int Tier, long Doc, T Item)>(limit + 1);
        for (var tier = after?.Tier ?? 0; tier < tiers.Length && items.Count <= limit; tier++)
        {
            if (tiers[tier] is not { } expression)
            {
                continue;
            }

            var before = after is not null && tier == after.Tier ? after.Position : long.MaxValue;
            foreach (var (doc, item) in await read(expression, before, limit + 1 - items.Count).ConfigureAwait(false))
            {
                items.Add((tier, doc, item));
            }
        }

        return Page(items, scope, limit);
    }

    /// <summary>The first <paramref name="limit"/> of <paramref name="items"/> (one more says a next page exists), the cursor at the last.</summary>
    public static SearchPage<T> Page<T>(List<(int Tier, long Doc, T Item)> items, string scope, int limit)
    {
        if (items.Count <= limit)
        {
            return new SearchPage<T>([.. items.Select(i => i.Item)], null);
        }

        var last = items[limit - 1];
        return new SearchPage<T>([.. items.Take(limit).Select(i => i.Item)], new SearchCursor(scope, last.Tier, last.Doc));
    }

    private static string Expression(IReadOnlyList<WordVariants> words, SearchSyntax syntax, Func<WordVariants, bool, string[]> terms)
    {
        var expression = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var variants = terms(word, i == words.Count - 1).Distinct(StringComparer.Ordinal).Select(t => syntax.Term(t, word.Hashtag));
            if (i > 0)
            {
                expression.Append(syntax.And);
            }

            expression.Append('(').AppendJoin(syntax.Or, variants).Append(')');
        }

        return expression.ToString();
    }
}
