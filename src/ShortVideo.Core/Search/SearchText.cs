using System.Globalization;
using System.Text;
using ShortVideo.Catalog;

namespace ShortVideo.Search;

/// <summary>
/// How text becomes search terms, the same way for what is indexed and what is asked: runs of word characters (the
/// hashtag rule's, <see cref="Hashtags"/>), lower-case, diacritics removed ("Café" finds "cafe", <see cref="DiacriticFolding"/>). Everything
/// else separates words, so no character of a query ever reaches the full-text engine as syntax.
/// </summary>
internal static class SearchText
{
    /// <summary>Longest term kept; a longer run of letters is cut here (nobody types more to find a caption).</summary>
    public const int MaxTermLength = 64;

    /// <summary>The terms of <paramref name="text"/> in order (repeats kept), each with whether a '#' came right before it.</summary>
    public static List<(string Term, bool Hashtag)> Words(string? text)
    {
        var words = new List<(string, bool)>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (!Hashtags.IsWordChar(span, i))
            {
                continue;
            }

            var end = i + 1;
            while (end < span.Length && Hashtags.IsWordChar(span, end))
            {
                end++;
            }

            if (Fold(span[i..end]) is { } term)
            {
                words.Add((term, i > 0 && span[i - 1] == '#'));
            }

            i = end - 1;
        }

        return words;
    }

    /// <summary>The terms of a handle: whole and in its '_'-separated parts, so "alice" finds @alice_w.</summary>
    public static List<string> HandleTerms(string handle) => [.. Terms(handle).Union(Terms(handle.Replace('_', ' ')), StringComparer.Ordinal)];

    /// <summary>The distinct terms of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Terms(string? text) => Words(text).Select(w => w.Term).Distinct(StringComparer.Ordinal);

    /// <summary><paramref name="word"/> as a term: lower-case, without diacritics, at most <see cref="MaxTermLength"/>; null when nothing is left.</summary>
    public static string? Fold(ReadOnlySpan<char> word)
    {
        var kept = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            // Combining marks typed apart from their letter go the same way as those folded out of precomposed letters.
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(DiacriticFolding.Fold(char.ToLowerInvariant(c)));
            }
        }

        var term = kept.ToString();
        if (term.Length > MaxTermLength)
        {
            term = term[..(char.IsHighSurrogate(term[MaxTermLength - 1]) ? MaxTermLength - 1 : MaxTermLength)];
        }

        return term.Length == 0 ? null : term;
    }

    /// <summary>A term as an FTS5 string: always quoted, so it is a word and never an operator, column or prefix.</summary>
    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
