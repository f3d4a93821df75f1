using System.Globalization;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Upload;

/// <summary>
/// svctl upload against a real node with small limits: each refusal (quota, full disk, rate limit) ends as one line
/// on stderr with the node's own sentence and exit code 1.
/// </summary>
public sealed class UploadRefusalTests : IDisposable
{
    private readonly UploadTestFiles _files = new();

    [Fact]
    public async Task A_quota_refusal_is_one_line_with_the_nodes_sentence_and_is_not_retried()
    {
        await using var node = await InProcessNode.StartAsync(o => o["Uploads:MaxReservedBytesPerUser"] = "1000");
        var source = _files.CreateSource("clip.mp4", 4096);

        var outcome = await RunAsync(node, source);

        var line = AssertOneLineError(outcome, "403");
        Assert.Contains("1000 bytes", line, StringComparison.Ordinal);
        Assert.DoesNotContain("gave up", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_refusal_is_one_line_with_the_nodes_sentence_and_is_not_retried()
    {
        // A headroom larger than any disk: the node answers 507 to every creation.
        await using var node = await InProcessNode.StartAsync(o => o["Uploads:FreeSpaceHeadroomBytes"] = long.MaxValue.ToString(CultureInfo.InvariantCulture));
        var source = _files.CreateSource("clip.mp4", 4096);

        var outcome = await RunAsync(node, source);

        var line = AssertOneLineError(outcome, "507 Insufficient Storage");
        Assert.Contains("free", line, StringComparison.Ordinal);
        Assert.DoesNotContain("gave up", line, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_upload_is_retried_and_then_one_line_with_the_nodes_sentence()
    {
        await using var node = await InProcessNode.StartAsync(o =>
        {
            o["Uploads:RateLimit:PermitLimit"] = "1";
            o["Uploads:RateLimit:Window"] = "01:00:00";
        });
        var first = await RunAsync(node, _files.CreateSource("first.mp4", 4096, seed: 1));
        Assert.Equal(0, first.ExitCode);

        var outcome = await RunAsync(node, _files.CreateSource("second.mp4", 4096, seed: 2));

        var line = AssertOneLineError(outcome, "429 Too Many Requests");
        Assert.Contains("gave up after 3 attempts", line, StringComparison.Ordinal);
        Assert.Contains("may start 1 at once", line, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private Task<CommandOutcome> RunAsync(InProcessNode node, string source)
    {
        var command = UploadCommand.Create(
            o => TusUploadClientTests.FastRetry(o with { StateDirectory = _files.StateDirectory }, attempts: 3),
            static _ => null);
        return CommandRunner.RunAsync(command, "upload", source, "--token", node.Token("alice"), "--server", node.BaseAddress.AbsoluteUri);
    }

    private static string AssertOneLineError(CommandOutcome outcome, string expected)
    {
        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        var line = Assert.Single(outcome.StderrLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        return line;
    }
}
