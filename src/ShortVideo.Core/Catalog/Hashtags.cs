using System.Globalization;
using System.Text;

namespace ShortVideo.Catalog;

/// <summary>
/// The one rule for hashtags in captions: <c>#</c> after the start or a non-word character, then letters, digits (in any
/// script) or underscores; compared and stored lower-case (invariant), without the <c>#</c>, once each, in order of
/// first appearance. A tag of digits only (<c>#1</c>) is a number, not a hashtag.
/// </summary>
public static class Hashtags
{
    /// <summary>Longest hashtag kept; longer runs are cut here (a caption is at most a few hundred characters).</summary>
    public const int MaxLength = 100;

    /// <summary>Most hashtags kept per caption; the rest are ignored.</summary>
    public const int MaxPerCaption = 30;

    /// <summary>The caption's hashtags, lower-case, without '#', distinct, in order.</summary>
    public static IReadOnlyList<string> Parse(string? caption)
    {
        if (string.IsNullOrEmpty(caption) || !caption.Contains('#', StringComparison.Ordinal))
        {
            return [];
        }

        var tags = new List<string>();
        for (var i = 0; i < caption.Length && tags.Count < MaxPerCaption; i++)
        {
            if (caption[i] != '#' || (i > 0 && IsWordChar(caption, i - 1)))
            {
                continue;
            }

            var end = i + 1;
            while (end < caption.Length && IsWordChar(caption, end))
            {
                end++;
            }

            if (Normalize(caption.AsSpan(i + 1, end - i - 1)) is { } tag && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }

            i = end - 1;
        }

        return tags;
    }

    /// <summary>
    /// <paramref name="text"/> (with or without a leading '#') as a stored hashtag, or null when it is not one: what a
    /// <c>/hashtags/{tag}</c> path or a search query is compared with.
    /// </summary>
    public static string? Normalize(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] == '#')
        {
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return null;
        }

        var allDigits = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsWordChar(text, i))
            {
                return null;
            }

            allDigits &= char.IsAsciiDigit(text[i]);
        }

        if (allDigits)
        {
            return null;
        }

        var tag = text.Length > MaxLength ? text[..MaxLength] : text;
        // A cut must not split a surrogate pair.
        if (char.IsHighSurrogate(tag[^1]))
        {
            tag = tag[..^1];
        }

        return tag.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether the character at <paramref name="index"/> belongs to a word (what a hashtag and a search word are made of).</summary>
    internal static bool IsWordChar(ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        if (c == '_' || char.IsLetterOrDigit(c))
        {
            return true;
        }

        // Combining marks belong to the letter before them; surrogate pairs (emoji excluded) to letters of other planes.
        var category = char.IsSurrogate(c) && index + 1 < text.Length && char.IsSurrogatePair(c, text[index + 1])
            ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[index + 1]))
            : char.IsLowSurrogate(c) && index > 0 && char.IsSurrogatePair(text[index - 1], c)
                ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[index - 1], c))
                : CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.DecimalDigitNumber;
    }

    private static bool IsWordChar(string text, int index) => IsWordChar(text.AsSpan(), index);
}
