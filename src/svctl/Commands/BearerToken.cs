namespace ShortVideo.Cli.Commands;

/// <summary>The bearer token of the commands that talk to a node: <c>--token</c>, else <c>$SV_TOKEN</c>.</summary>
internal static class BearerToken
{
    public const string EnvironmentVariable = "SV_TOKEN";

    public const string Missing = "no token: pass --token or set SV_TOKEN (mint one with: ./svctl token --user NAME)";

    /// <summary>The token to send, trimmed; null when neither source has one.</summary>
    public static string? Resolve(string? flag, Func<string, string?> environment)
    {
        var token = string.IsNullOrWhiteSpace(flag) ? environment(EnvironmentVariable) : flag;
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }
}
