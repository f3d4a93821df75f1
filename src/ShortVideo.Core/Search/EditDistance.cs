using System.Text;

namespace ShortVideo.Search;

/// <summary>
/// One typo: an insertion, a deletion, a substitution or a swap of two neighbours (optimal string alignment distance
/// 1), counted in Unicode scalars so a letter outside the BMP is one letter. Candidates are found by deletions
/// (symmetric-delete): two words within one edit share a word with at most one letter removed from each.
/// </summary>
internal static class EditDistance
{
    /// <summary>Shortest word (in letters) whose typos are forgiven: shorter words have too many neighbours.</summary>
    public const int MinTypoLength = 5;

    /// <summary><paramref name="word"/> with each one of its letters removed, distinct.</summary>
    public static IEnumerable<string> Deletions(string word)
    {
        var runes = word.EnumerateRunes().ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder(word.Length);
        for (var skip = 0; skip < runes.Length; skip++)
        {
            builder.Clear();
            for (var i = 0; i < runes.Length; i++)
            {
                if (i != skip)
                {
                    builder.Append(runes[i].ToString());
                }
            }

            if (builder.Length > 0 && seen.Add(builder.ToString()))
            {
                yield return builder.ToString();
            }
        }
    }

    /// <summary>Of <paramref name="candidates"/> (term, documents holding it), the <paramref name="max"/> most used within one typo of <paramref name="word"/> (itself excluded).</summary>
    public static IReadOnlyList<string> Nearest(string word, IEnumerable<(string Term, long Docs)> candidates, int max) =>
        [.. candidates.Where(c => c.Term != word && WithinOne(word, c.Term))
            .OrderByDescending(c => c.Docs).ThenBy(c => c.Term, StringComparer.Ordinal).Take(max).Select(c => c.Term)];

    /// <summary>Letters in <paramref name="word"/>.</summary>
    public static int Letters(string word) => word.EnumerateRunes().Count();

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> differ by at most one edit (insertion, deletion, substitution, transposition).</summary>
    public static bool WithinOne(string a, string b)
    {
        var x = a.EnumerateRunes().ToArray();
        var y = b.EnumerateRunes().ToArray();
        if (Math.Abs(x.Length - y.Length) > 1)
        {
            return false;
        }

        var start = 0;
        while (start < x.Length && start < y.Length && x[start] == y[start])
        {
            start++;
        }

        if (start == x.Length && start == y.Length)
        {
            return true;
        }

        if (x.Length == y.Length)
        {
            // Substitution: the rest equal; transposition: two swapped neighbours, then the rest equal.
            return Same(x, start + 1, y, start + 1)
                || (start + 1 < x.Length && x[start] == y[start + 1] && x[start + 1] == y[start] && Same(x, start + 2, y, start + 2));
        }

        return x.Length > y.Length ? Same(x, start + 1, y, start) : Same(x, start, y, start + 1);
    }

    private static bool Same(Rune[] x, int i, Rune[] y, int j) => x.AsSpan(Math.Min(i, x.Length)).SequenceEqual(y.AsSpan(Math.Min(j, y.Length)));
}
