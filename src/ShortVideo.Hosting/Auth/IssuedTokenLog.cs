using System.Globalization;
using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The dev tokens issued on a data directory (<c>{DataDir}/auth/issued.log</c>: "JTI USER IAT EXP" per line),
/// so that <c>svctl token revoke</c> can say whether a token id or user it is given was ever issued here.
/// Kept in Dev mode only: in Production tokens come from the identity provider, which keeps its own record.
/// </summary>
internal sealed class IssuedTokenLog(IOptions<AuthOptions> options, IOptions<DataDirectoryOptions> dataDirectory)
{
    public const string RelativePath = "auth/issued.log";

    private readonly AppendOnlyLog? _log = options.Value.Mode == AuthMode.Dev
        ? new AppendOnlyLog(Path.Combine(dataDirectory.Value.FullPath, "auth", "issued.log"))
        : null;

    public void Record(string tokenId, string userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        // Not flushed to disk: a record lost in a crash only makes 'svctl token revoke' say it does not know the token.
        _log?.Append(
            string.Create(CultureInfo.InvariantCulture, $"{tokenId} {userId} {issuedAt.ToUnixTimeSeconds()} {expiresAt.ToUnixTimeSeconds()}"),
            durable: false);

    /// <summary>How many recorded tokens <paramref name="covers"/> (given id, user, expiry) that have not expired at <paramref name="now"/>.</summary>
    public int CountUnexpired(Func<string, string, bool> covers, DateTimeOffset now)
    {
        if (_log is null)
        {
            return 0;
        }

        var count = 0;
        var nowSeconds = now.ToUnixTimeSeconds();
        foreach (var line in _log.ReadAfter(cursor: null).Lines)
        {
            var parts = line.Split(' ');
            if (parts.Length == 4 && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && expires > nowSeconds && covers(parts[0], parts[1]))
            {
                count++;
            }
        }

        return count;
    }
}
