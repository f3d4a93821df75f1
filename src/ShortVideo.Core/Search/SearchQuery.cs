using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ShortVideo.Search;

/// <summary>
/// What a person typed into search, read once by the one rule: words are runs of letters and digits (any script),
/// folded (lower-case, no diacritics); a word right after '#' matches hashtags only; the last word is a prefix
/// while the text does not end with a separator (typing "mus" finds "music"); a word of at least
/// <see cref="MinTypoLetters"/> letters also finds words one typo away. Every other character separates words:
/// quotes, '*', operators and comment markers are never query syntax.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Longest query text accepted, in characters; a longer one is refused (nobody types it).</summary>
    public const int MaxLength = 256;

    /// <summary>Words searched; later ones are ignored (each one narrows the results, so more add nothing).</summary>
    public const int MaxWords = 8;

    /// <summary>Shortest word, in letters, whose typos are forgiven.</summary>
    public const int MinTypoLetters = EditDistance.MinTypoLength;

    private SearchQuery(string text, IReadOnlyList<SearchWord> words, bool lastIsPrefix)
    {
        Text = text;
        Words = words;
        LastIsPrefix = lastIsPrefix;
    }

    /// <summary>The query as typed (trimmed).</summary>
    public string Text { get; }

    /// <summary>True when the text holds no letter or digit (only punctuation): nothing can match.</summary>
    public bool IsEmpty => Words.Count == 0;

    /// <summary>The folded words, in order, distinct, at most <see cref="MaxWords"/>: what an index matches.</summary>
    public IReadOnlyList<SearchWord> Words { get; }

    /// <summary>Whether the last word may still be growing (the text does not end with a separator): match it as a prefix too.</summary>
    public bool LastIsPrefix { get; }

    /// <summary>
    /// Reads <paramref name="text"/>; false with a sentence for the person when it is blank or longer than
    /// <see cref="MaxLength"/>. Text of punctuation only is a query that finds nothing (<see cref="IsEmpty"/>).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SearchQuery? query, [NotNullWhen(false)] out string? problem)
    {
        query = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "q must contain at least one word to search for.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            problem = $"q is {text.Length} characters long; a search may be at most {MaxLength} characters.";
            return false;
        }

        var trimmed = text.Trim();
        var typed = SearchText.Words(trimmed);
        var words = new List<SearchWord>();
        foreach (var (term, hashtag) in typed)
        {
            if (words.Count == MaxWords)
            {
                break;
            }

            var word = new SearchWord(term, hashtag);
            if (!words.Contains(word))
            {
                words.Add(word);
            }
        }

        // Before trimming: "mus" is still being typed, "mus " is a finished word.
        var endsInWord = Catalog.Hashtags.IsWordChar(text, text.Length - 1);
        query = new SearchQuery(trimmed, words, endsInWord && typed.Count <= MaxWords);
        problem = null;
        return true;
    }

    /// <summary>
    /// A short fingerprint of this query's meaning for a list of <paramref name="kind"/> (videos, users, hashtags):
    /// the <see cref="SearchCursor.Scope"/> of its cursors, so a cursor of one search cannot continue another.
    /// </summary>
    public string Scope(string kind)
    {
        var text = new StringBuilder(kind).Append('\n').Append(LastIsPrefix ? '*' : '=');
        foreach (var (term, hashtag) in Words)
        {
            text.Append('\n').Append(hashtag ? "#" : string.Empty).Append(term);
        }

        return SearchCursor.ScopeOf(text.ToString());
    }
}

/// <summary>A word of a <see cref="SearchQuery"/>, folded (lower-case, no diacritics).</summary>
/// <param name="Term">The word.</param>
/// <param name="Hashtag">Typed right after '#': it matches hashtags only.</param>
public readonly record struct SearchWord(string Term, bool Hashtag);
