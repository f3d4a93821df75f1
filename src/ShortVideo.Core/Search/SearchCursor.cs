using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShortVideo.Catalog;

namespace ShortVideo.Search;

/// <summary>
/// Where the next page of a search, hashtag or trending list starts. Clients see it as an opaque string
/// (<see cref="Encode"/>) and hand it back; <see cref="TryParse"/> refuses anything this code did not write and any
/// cursor of another list (<see cref="Scope"/>: a fingerprint of the list's kind and query); a checksum refuses a
/// cursor with any character changed. A well-formed cursor made up by a client (the format is not secret) only moves
/// the position inside the list it names.
/// </summary>
/// <param name="Scope">Which list it belongs to (<see cref="ScopeOf"/>, <see cref="SearchQuery.Scope"/>).</param>
/// <param name="Tier">The relevance tier the last item came from (0: the best matches).</param>
/// <param name="Position">The last item's position inside its tier (an index key, a count or an offset).</param>
/// <param name="Key">A tie-breaking key of the last item, when the list needs one (a hashtag); null otherwise.</param>
public sealed record SearchCursor(string Scope, int Tier, long Position, string? Key = null)
{
    /// <summary>Longest encoded cursor accepted.</summary>
    public const int MaxEncodedLength = 512;

    private const string Version = "s1";
    private const int MaxKeyLength = 200;
    private const int MaxTier = 15;

    /// <summary>The scope of a list described by <paramref name="description"/>: 16 hex characters of its SHA-256.</summary>
    public static string ScopeOf(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)).AsSpan(0, 8));
    }

    /// <summary>The opaque string a client hands back (base64url, no padding).</summary>
    public string Encode()
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{Scope}.{Tier}.{Position}.{Key}");
        return OpaqueCursorText.Encode($"{Version}.{ScopeOf(body)}.{body}");
    }

    /// <summary>Reads a cursor <see cref="Encode"/> wrote for the list <paramref name="scope"/>; false for anything else.</summary>
    public static bool TryParse(string? text, string scope, [NotNullWhen(true)] out SearchCursor? cursor)
    {
        cursor = null;
        if (!OpaqueCursorText.TryDecode(text, MaxEncodedLength, out var decoded))
        {
            return false;
        }

        // A checksum of the rest: a cursor changed in transit or by hand is refused, not read as another position.
        var head = decoded.Split('.', 3);
        if (head.Length != 3 || head[0] != Version || head[1] != ScopeOf(head[2]))
        {
            return false;
        }

        string[] parts = [Version, .. head[2].Split('.', 4)];
        if (parts.Length != 5
            || parts[1] != scope
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var tier)
            || tier > MaxTier
            || !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position)
            || parts[4].Length > MaxKeyLength
            || parts[4].Any(char.IsControl))
        {
            return false;
        }

        cursor = new SearchCursor(scope, tier, position, parts[4].Length == 0 ? null : parts[4]);
        return true;
    }
}

/// <summary>One page of a search, hashtag or trending list, and where the next one starts (null: the last page).</summary>
/// <typeparam name="T">What the list holds: video ids, users or hashtags.</typeparam>
/// <param name="Items">The page, in list order.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record SearchPage<T>(IReadOnlyList<T> Items, SearchCursor? Next);

/// <summary>A user found by handle or display name.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Handle">The handle, as shown after '@'.</param>
/// <param name="DisplayName">The display name.</param>
public sealed record UserHit(string UserId, string Handle, string DisplayName);

/// <summary>A hashtag and how many public, ready videos carry it.</summary>
/// <param name="Tag">The hashtag as stored (<see cref="Catalog.Hashtags"/>), without '#'.</param>
/// <param name="Videos">Public, ready videos that carry it.</param>
public sealed record HashtagHit(string Tag, long Videos);
