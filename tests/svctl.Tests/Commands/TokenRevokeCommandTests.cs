using System.Runtime.Versioning;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Commands;

[SupportedOSPlatform("linux")]
public sealed class TokenRevokeCommandTests() : DataDirTest("sv-revoke-")
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Revoking_a_jti_with_svctl_makes_the_running_node_refuse_that_token_within_seconds()
    {
        var revoked = await MintAsync("alice");
        var kept = await MintAsync("alice");
        await using var node = await RunningNode.StartAsync(DataDir);
        await node.AssertAcceptedAsync(revoked);
        var jti = new JsonWebToken(revoked).Id;

        var result = await SvctlProcess.RunAsync(["token", "revoke", "--jti", jti, "--data", DataDir]);
        var (detail, elapsed) = await node.WaitUntilRefusedAsync(revoked);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Revoked token {jti}: nodes on {DataDir} refuse it within 2s.", result.LastLine);
        Assert.StartsWith("This token was revoked at ", detail, StringComparison.Ordinal);
        Assert.True(elapsed <= RefreshInterval + TimeSpan.FromSeconds(1), $"the node took {elapsed} after svctl exited");
        await node.AssertAcceptedAsync(kept);
    }

    [Fact]
    public async Task Revoking_a_user_with_svctl_refuses_their_earlier_tokens_and_accepts_one_minted_afterwards()
    {
        var first = await MintAsync("alice");
        var second = await MintAsync("alice");
        var bob = await MintAsync("bob");
        await using var node = await RunningNode.StartAsync(DataDir);
        await node.AssertAcceptedAsync(first);

        var result = await SvctlProcess.RunAsync(["token", "revoke", "--user", "alice", "--data", DataDir]);
        var (detail, _) = await node.WaitUntilRefusedAsync(first);
        await Task.Delay(1100); // iat has whole seconds: a token minted in the revocation's second is covered too
        var later = await MintAsync("alice");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Revoked 2 unexpired tokens of alice issued until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: nodes on .+ refuse them within 2s; tokens issued later are accepted\.$", result.LastLine);
        Assert.Contains("every token of its user issued until", detail, StringComparison.Ordinal);
        await node.WaitUntilRefusedAsync(second);
        await node.AssertAcceptedAsync(bob);
        await node.AssertAcceptedAsync(later);
    }

    [Fact]
    public async Task Revoking_an_unknown_jti_exits_0_and_says_no_token_with_it_was_issued_here()
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(
            TokenCommand.Create(), "revoke", "--jti", "0123456789abcdef0123456789abcdef", "--data", DataDir);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("No unexpired token with this id was issued on this data directory; the revocation is recorded all the same.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_user_with_no_token_issued_here_exits_0_and_says_so()
    {
        var (exitCode, output, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "revoke", "--user", "nobody", "--data", DataDir);

        Assert.Equal(0, exitCode);
        Assert.Contains("Revoked every token (none unexpired was issued on this data directory; the revocation is recorded all the same) of nobody", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_same_jti_twice_says_it_was_already_revoked()
    {
        var jti = new JsonWebToken(await MintAsync("alice")).Id;
        await CommandRunner.RunAsync(TokenCommand.Create(), "revoke", "--jti", jti, "--data", DataDir);

        var (exitCode, output, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "revoke", "--jti", jti, "--data", DataDir);

        Assert.Equal(0, exitCode);
        Assert.Equal($"Token {jti} was already revoked; nothing changed.", output.Trim());
    }

    [Theory]
    [InlineData(new[] { "--data", "X" }, "svctl token revoke: give --jti ID (one token) or --user NAME (every token of that user), for example: svctl token revoke --user alice")]
    [InlineData(new[] { "--jti", "abc", "--user", "alice", "--data", "X" }, "svctl token revoke: give --jti or --user, not both: revoke one token, or every token of a user.")]
    [InlineData(new[] { "--user", "", "--data", "X" }, "svctl token revoke: --user is empty: give the id of the user whose tokens to revoke.")]
    [InlineData(new[] { "--user", "a b", "--data", "X" }, "svctl token revoke: User id 'a b' is not valid: use 1 to 64 characters among letters, digits, '_', '.' and '-'.")]
    [InlineData(new[] { "--jti", "a b", "--data", "X" }, "svctl token revoke: The token id is not valid: a token's 'jti' has 1 to 128 characters among letters, digits, '_', '.', ':' and '-'.")]
    [InlineData(new[] { "--jti", "../../etc/passwd", "--data", "X" }, "svctl token revoke: The token id is not valid: a token's 'jti' has 1 to 128 characters among letters, digits, '_', '.', ':' and '-'.")]
    [InlineData(new[] { "--jti", "", "--data", "X" }, "svctl token revoke: The token id is not valid: a token's 'jti' has 1 to 128 characters among letters, digits, '_', '.', ':' and '-'.")]
    [InlineData(new[] { "--jti", "id\nuser alice 9", "--data", "X" }, "svctl token revoke: The token id is not valid: a token's 'jti' has 1 to 128 characters among letters, digits, '_', '.', ':' and '-'.")]
    public async Task Bad_input_exits_2_with_one_readable_line_and_records_nothing(string[] args, string expected)
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(TokenCommand.Create(), ["revoke", .. args.Select(a => a == "X" ? DataDir : a)]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.False(Directory.Exists(DataDir)); // refused before touching the data dir
    }

    [Fact]
    public async Task Too_long_jti_is_refused()
    {
        var (exitCode, _, error) = await CommandRunner.RunAsync(TokenCommand.Create(), "revoke", "--jti", new string('a', 129), "--data", DataDir);

        Assert.Equal(2, exitCode);
        Assert.Contains("1 to 128 characters", error, StringComparison.Ordinal);
    }
}
