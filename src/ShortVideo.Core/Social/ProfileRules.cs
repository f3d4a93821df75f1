using System.Globalization;
using System.Text;

namespace ShortVideo.Social;

/// <summary>
/// What a profile may say: the one rule for handles, display names and bios. Each check returns null when the value
/// is acceptable and otherwise a sentence for the user.
/// </summary>
public static class ProfileRules
{
    /// <summary>Shortest handle.</summary>
    public const int HandleMinLength = 2;

    /// <summary>Longest handle (as Instagram and TikTok allow).</summary>
    public const int HandleMaxLength = 30;

    /// <summary>Longest display name, in characters.</summary>
    public const int DisplayNameMaxLength = 50;

    /// <summary>Longest bio, in characters (TikTok's limit is 80, Instagram's 150).</summary>
    public const int BioMaxLength = 160;

    // A derived handle leaves room for a numeric suffix when the plain one is taken.
    private const int DerivedBaseLength = HandleMaxLength - 6;

    /// <summary>Why <paramref name="handle"/> cannot be a handle, or null: 2 to 30 ASCII letters, digits, '_' and '.', not starting or ending with '.'.</summary>
    public static string? CheckHandle(string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var valid = handle.Length is >= HandleMinLength and <= HandleMaxLength
            && handle[0] != '.' && handle[^1] != '.'
            && handle.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');
        return valid
            ? null
            : $"handle must be {HandleMinLength} to {HandleMaxLength} characters among letters a-z, digits, '_' and '.', and may not start or end with '.'.";
    }

    /// <summary>Why <paramref name="displayName"/> cannot be a display name, or null: 1 to 50 characters, no control characters.</summary>
    public static string? CheckDisplayName(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var length = TextLength(displayName);
        if (string.IsNullOrWhiteSpace(displayName) || length > DisplayNameMaxLength)
        {
            return $"displayName must be 1 to {DisplayNameMaxLength} characters and not only spaces.";
        }

        return HasControl(displayName, allowNewline: false) ? "displayName may not contain control characters (line breaks included)." : null;
    }

    /// <summary>Why <paramref name="bio"/> cannot be a bio, or null: at most 160 characters; line breaks are the only control characters allowed.</summary>
    public static string? CheckBio(string bio)
    {
        ArgumentNullException.ThrowIfNull(bio);
        if (TextLength(bio) > BioMaxLength)
        {
            return $"bio may be at most {BioMaxLength} characters.";
        }

        return HasControl(bio, allowNewline: true) ? "bio may not contain control characters other than line breaks." : null;
    }

    // Handles tried with a numeric suffix before a random one (many ids mapping to one handle is unusual).
    private const int MaxSuffixTries = 20;

    /// <summary>
    /// The handle a new user's <paramref name="attempt"/>-th insert tries (0 first): the derived handle, then numbered
    /// ones (2, 3, ...), then random six-digit suffixes, so every store resolves clashes the same way.
    /// </summary>
    internal static string CandidateHandle(string userId, int attempt) => attempt < MaxSuffixTries
        ? DeriveHandle(userId, attempt == 0 ? 0 : attempt + 1)
        : DeriveHandle(userId, System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000, 1_000_000));

    /// <summary>
    /// The handle a new user starts with: their id in lower case, characters a handle may not hold replaced by '_',
    /// cut to leave room for <paramref name="suffix"/> (0: none), which tells apart ids that map to the same handle.
    /// </summary>
    public static string DeriveHandle(string userId, int suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var handle = new StringBuilder(HandleMaxLength);
        foreach (var c in userId)
        {
            if (handle.Length == DerivedBaseLength)
            {
                break;
            }

            handle.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == '.' ? '.' : '_');
        }

        if (handle[0] == '.')
        {
            handle[0] = '_';
        }

        if (handle[^1] == '.')
        {
            handle[^1] = '_';
        }

        if (handle.Length < HandleMinLength)
        {
            handle.Append('_');
        }

        if (suffix > 0)
        {
            handle.Append(suffix.ToString(CultureInfo.InvariantCulture));
        }

        return handle.ToString();
    }

    /// <summary>Length in Unicode characters (an emoji counts once, as users count).</summary>
    internal static int TextLength(string text)
    {
        var length = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            length++;
        }

        return length;
    }

    /// <summary>Whether <paramref name="text"/> holds a control character (other than '\n' when allowed) or a broken surrogate pair.</summary>
    internal static bool HasControl(string text, bool allowNewline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(allowNewline && c == '\n'))
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
