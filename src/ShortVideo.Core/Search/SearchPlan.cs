using System.Text;

namespace ShortVideo.Search;

/// <summary>A query word and the index terms it may stand for.</summary>
/// <param name="Term">The word as typed (folded).</param>
/// <param name="Hashtag">Matches hashtags only ('#' before it).</param>
/// <param name="Completions">Indexed words it starts (the last word while typing), most used first.</param>
/// <param name="Typos">Indexed words one typo away, most used first.</param>
internal sealed record WordVariants(string Term, bool Hashtag, IReadOnlyList<string> Completions, IReadOnlyList<string> Typos);

/// <summary>
/// Relevance as tiers, each a full-text expression that excludes the tiers before it: 0 every word as typed,
/// 1 the last word completed, 2 typos forgiven. Within a tier the index's order (newest first) stands, so a page is a
/// range scan that stops at its limit instead of scoring every match; the expressions are built from quoted terms
/// only (<see cref="SearchText.Quote"/>).
/// </summary>
internal static class SearchPlan
{
    /// <summary>The tiers' expressions, best first; a tier that would add nothing is left out (its slot is null).</summary>
    public static string?[] Tiers(IReadOnlyList<WordVariants> words, string? hashtagColumn)
    {
        var exact = Expression(words, hashtagColumn, static (w, _) => [w.Term]);
        var completed = Expression(words, hashtagColumn, static (w, last) => last ? [w.Term, .. w.Completions] : [w.Term]);
        var forgiving = Expression(words, hashtagColumn, static (w, last) => last ? [w.Term, .. w.Completions, .. w.Typos] : [w.Term, .. w.Typos]);
        return
        [
            exact,
            completed == exact ? null : $"({completed}) NOT ({exact})",
            forgiving == completed ? null : $"({forgiving}) NOT ({completed})",
        ];
    }

    private static string Expression(IReadOnlyList<WordVariants> words, string? hashtagColumn, Func<WordVariants, bool, string[]> terms)
    {
        var expression = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var variants = terms(word, i == words.Count - 1).Distinct(StringComparer.Ordinal).Select(SearchText.Quote);
            if (i > 0)
            {
                expression.Append(" AND ");
            }

            if (word.Hashtag && hashtagColumn is not null)
            {
                expression.Append(hashtagColumn).Append(" : ");
            }

            expression.Append('(').AppendJoin(" OR ", variants).Append(')');
        }

        return expression.ToString();
    }
}
