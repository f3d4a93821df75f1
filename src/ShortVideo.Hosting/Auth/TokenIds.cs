using System.Text.RegularExpressions;

namespace ShortVideo.Hosting.Auth;

/// <summary>Token ids (<c>jti</c>) that can be revoked: ours are 32 hex digits; an identity provider's UUIDs fit too.</summary>
internal static partial class TokenIds
{
    public const string Rule = "1 to 128 characters among letters, digits, '_', '.', ':' and '-'";

    public static bool IsValid(string? tokenId) => tokenId is not null && Pattern().IsMatch(tokenId);

    public static void Validate(string? tokenId, string parameterName)
    {
        if (!IsValid(tokenId))
        {
            // Not echoed: a malformed id may hold line breaks, and the message is one line of a CLI.
            throw new ArgumentException($"The token id is not valid: a token's 'jti' has {Rule}.", parameterName);
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.:\-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
