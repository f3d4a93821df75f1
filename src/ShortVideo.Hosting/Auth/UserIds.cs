using System.Text.RegularExpressions;

namespace ShortVideo.Hosting.Auth;

/// <summary>User ids travel in URLs, object keys and logs, so they are restricted to a safe alphabet.</summary>
internal static partial class UserIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? userId) => userId is not null && Pattern().IsMatch(userId);

    public static void Validate(string? userId, string parameterName)
    {
        if (!IsValid(userId))
        {
            throw new ArgumentException(
                $"User id '{userId}' is not valid: use 1 to {MaxLength} characters among letters, digits, '_', '.' and '-'.",
                parameterName);
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
