using ShortVideo.Social;

namespace ShortVideo.Comments;

/// <summary>What a comment may say: 1 to 2,200 characters (TikTok's limit), not only spaces, no control characters but line breaks.</summary>
public static class CommentRules
{
    /// <summary>Longest comment, in characters (an emoji counts once).</summary>
    public const int MaxLength = 2200;

    /// <summary>
    /// The text as stored (CRLF line breaks become LF), or null with <paramref name="error"/> a sentence for the user.
    /// </summary>
    public static string? Normalize(string? text, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "text is required: a comment of 1 to 2200 characters.";
            return null;
        }

        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (ProfileRules.TextLength(normalized) > MaxLength)
        {
            error = $"A comment may be at most {MaxLength} characters; this one has {ProfileRules.TextLength(normalized)}.";
            return null;
        }

        if (ProfileRules.HasControl(normalized, allowNewline: true))
        {
            error = "A comment may not contain control characters other than line breaks.";
            return null;
        }

        error = null;
        return normalized;
    }
}
