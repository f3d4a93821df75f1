using System.Runtime.Versioning;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Commands;

[SupportedOSPlatform("linux")]
public sealed class KeyCommandTests() : DataDirTest("sv-key-")
{
    [Fact]
    public async Task Rotating_with_svctl_gives_new_tokens_a_new_kid_and_the_running_node_refuses_old_ones_once_the_overlap_ends()
    {
        var old = await MintAsync();
        await using var node = await RunningNode.StartAsync(DataDir);
        await node.AssertAcceptedAsync(old);

        // Long enough that minting and the node's refresh fit inside it on a loaded machine.
        var result = await SvctlProcess.RunAsync(["key", "rotate", "--data", DataDir, "--overlap", "10s"]);
        var fresh = await MintAsync();
        await node.WaitUntilAcceptedAsync(fresh); // the node sees the new key within its refresh interval
        await node.AssertAcceptedAsync(old); // still inside the overlap
        var (detail, _) = await node.WaitUntilRefusedAsync(old, seconds: 20);

        Assert.Equal(0, result.ExitCode);
        var newKid = new JsonWebToken(fresh).Kid;
        var oldKid = new JsonWebToken(old).Kid;
        Assert.NotEqual(oldKid, newKid);
        Assert.Matches(
            $@"^Rotated the dev signing key of .+: new tokens are signed with key {newKid}; tokens of key {oldKid} are accepted until \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ, then refused\. Running nodes use the new key within 2s\.$",
            result.LastLine);
        Assert.Contains("rotated out and retired", detail, StringComparison.Ordinal);
        await node.AssertAcceptedAsync(fresh);
    }

    [Fact]
    public async Task Rotating_with_overlap_0s_retires_the_old_key_at_once()
    {
        var old = await MintAsync();
        await using var node = await RunningNode.StartAsync(DataDir);
        await node.AssertAcceptedAsync(old);

        var (exitCode, _, error) = await CommandRunner.RunAsync(KeyCommand.Create(), "rotate", "--overlap", "0s", "--data", DataDir);
        var (detail, elapsed) = await node.WaitUntilRefusedAsync(old);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("rotated out and retired", detail, StringComparison.Ordinal);
        Assert.True(elapsed <= TimeSpan.FromSeconds(3), $"the node took {elapsed} to see the rotation");
        Assert.Equal(["dev-signing.1.key", "dev-signing.key"], Directory.GetFiles(Path.Combine(DataDir, "keys")).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("banana", "svctl key rotate: --overlap 'banana' is not a duration: use a whole number followed by s, m, h or d (90s, 30m, 24h, 7d).")]
    [InlineData("-1h", "svctl key rotate: --overlap '-1h' is not a duration: use a whole number followed by s, m, h or d (90s, 30m, 24h, 7d).")]
    [InlineData("400d", "svctl key rotate: --overlap '400d' is longer than the maximum of 365d.")]
    [InlineData("31d", "svctl key rotate: --overlap '31d' is longer than Auth:MaxTokenLifetime (30d): every token of the old key has expired by then.")]
    public async Task Bad_overlap_exits_2_with_one_readable_line_and_creates_no_key(string overlap, string expected)
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(KeyCommand.Create(), "rotate", "--overlap", overlap, "--data", DataDir);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Production_mode_is_refused_pointing_at_the_configuration()
    {
        // Out of process: the mode comes from the environment, which this test must not change for others.
        var result = await SvctlProcess.RunAsync(["key", "rotate", "--data", DataDir], new Dictionary<string, string?> { ["SV_Auth__Mode"] = "Production" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(
            "svctl key rotate: Auth:Mode is Production: rotate by configuration: put the new key in Auth:SigningKey and the old one in Auth:PreviousSigningKeys with a ValidUntil, then restart the nodes one by one.",
            result.Stderr.TrimEnd('\n'));
        Assert.False(Directory.Exists(Path.Combine(DataDir, "keys")));
    }
}
