using System.Globalization;
using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Revocations in <c>{DataDir}/auth/revocations.log</c>, one per line ("token ID UNIX" or "user ID UNIX"):
/// the node and svctl share them through the data directory, and a node's look for news is one small read.
/// </summary>
internal sealed class FileTokenRevocationStore(IOptions<DataDirectoryOptions> dataDirectory) : ITokenRevocationStore
{
    public const string RelativePath = "auth/revocations.log";

    private readonly AppendOnlyLog _log = new(Path.Combine(dataDirectory.Value.FullPath, "auth", "revocations.log"));

    public ValueTask AddAsync(TokenRevocation revocation, CancellationToken cancellationToken)
    {
        var kind = revocation.Kind == TokenRevocationKind.Token ? "token" : "user";
        _log.Append(string.Create(CultureInfo.InvariantCulture, $"{kind} {revocation.Id} {revocation.At.ToUnixTimeSeconds()}"), durable: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<TokenRevocationChanges> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
    {
        var changes = _log.ReadAfter(cursor);
        var added = new List<TokenRevocation>(changes.Lines.Count);
        foreach (var line in changes.Lines)
        {
            if (TryParse(line) is { } revocation)
            {
                added.Add(revocation);
            }
        }

        return ValueTask.FromResult(new TokenRevocationChanges(added, changes.Cursor, changes.Reset));
    }

    // A line that is not ours (edited by hand, a future format) is skipped rather than failing every request.
    private static TokenRevocation? TryParse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return parts[0] switch
        {
            "token" when TokenIds.IsValid(parts[1]) => new TokenRevocation(TokenRevocationKind.Token, parts[1], at),
            "user" when UserIds.IsValid(parts[1]) => new TokenRevocation(TokenRevocationKind.User, parts[1], at),
            _ => null,
        };
    }
}
