using ShortVideo.Catalog;

namespace ShortVideo.Search;

/// <summary>
/// What every engine indexes of a video: its terms (caption words and folded hashtags, distinct) and its hashtags
/// as stored, each also as the space-separated text kept to compare and to undo the entry later.
/// </summary>
internal sealed record SearchDocument(IReadOnlyList<string> CaptionTerms, IReadOnlyList<string> Tags, IReadOnlyList<string> FoldedTags, IReadOnlyList<string> Terms)
{
    /// <summary>The terms, space-separated.</summary>
    public string TermText => string.Join(' ', Terms);

    /// <summary>The hashtags, space-separated.</summary>
    public string TagText => string.Join(' ', Tags);

    public static SearchDocument Of(SearchableVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var captionTerms = SearchText.Terms(video.Caption).ToList();
        var tags = Hashtags.Parse(video.Caption);
        var foldedTags = tags.Select(t => SearchText.Fold(t)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new(captionTerms, tags, foldedTags, [.. captionTerms.Union(foldedTags, StringComparer.Ordinal)]);
    }

    /// <summary>Whether an entry indexed as (<paramref name="creatorId"/>, <paramref name="termText"/>, <paramref name="tagText"/>) already says this.</summary>
    public bool Matches(SearchableVideo video, string creatorId, string termText, string tagText) =>
        creatorId == video.CreatorId && termText == TermText && tagText == TagText;

    /// <summary>Counts <paramref name="delta"/> for each space-separated entry of <paramref name="text"/> (terms or hashtags gained or lost).</summary>
    public static void Count(Dictionary<string, int> deltas, string text, int delta)
    {
        foreach (var item in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            deltas[item] = deltas.GetValueOrDefault(item) + delta;
        }
    }
}
