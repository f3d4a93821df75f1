using System.Text.RegularExpressions;
using ShortVideo.Cli.Upload;
using ShortVideo.Testing;
using Spectre.Console;

namespace svctl.Tests.Upload;

/// <summary>The terminal progress bar of svctl upload, rendered by Spectre.Console into a recording console.</summary>
public sealed partial class UploadProgressBarTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly UploadTestFiles _files = new();
    private readonly StringWriter _screen = new();

    [Fact]
    public async Task The_bar_counts_in_binary_units_MiB_never_decimal_MB()
    {
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api");
        var source = _files.CreateSource("clip.mp4", 3 * MiB);
        var options = new TusUploadOptions
        {
            Endpoint = new Uri(node.BaseAddress, "api/v1/uploads"),
            Token = node.Token("alice"),
            ChunkSize = MiB,
            StateDirectory = _files.StateDirectory,
        };

        await UploadConsole.RunWithBarAsync(options, source, Console(), CancellationToken.None);

        var screen = Screen();
        Assert.Contains("3.0 MiB / 3.0 MiB", screen, StringComparison.Ordinal);
        Assert.DoesNotMatch(DecimalUnits(), screen);
    }

    [Fact]
    public async Task While_the_creation_is_retried_the_bar_already_shows_the_files_size_never_a_placeholder()
    {
        var source = _files.CreateSource("clip.mp4", 3 * MiB);
        var options = TusUploadClientTests.FastRetry(
            new TusUploadOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{TusUploadClientTests.UnusedPort()}/api/v1/uploads"),
                Token = "t",
                StateDirectory = _files.StateDirectory,
            },
            attempts: 3) with
        {
            // Long enough for Spectre's 100 ms refresh to draw the bar before any byte is acknowledged.
            RetryBaseDelay = TimeSpan.FromMilliseconds(300),
            RetryMaxDelay = TimeSpan.FromMilliseconds(400),
        };

        await Assert.ThrowsAsync<UploadFailedException>(() => UploadConsole.RunWithBarAsync(options, source, Console(), CancellationToken.None));

        var screen = Screen();
        Assert.Contains("0 B / 3.0 MiB", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("byte", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("/ 1 B", screen, StringComparison.Ordinal);
        Assert.Contains("nothing answers at", screen, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _screen.Dispose();
        _files.Dispose();
    }

    /// <summary>A terminal as svctl sees one on stderr: interactive, ANSI, wide enough for every column.</summary>
    private IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_screen),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>What was drawn, without the escape sequences that move the cursor between frames.</summary>
    private string Screen() => AnsiEscapes().Replace(_screen.ToString(), " ");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscapes();

    [GeneratedRegex(@"\d (KB|MB|GB)\b")]
    private static partial Regex DecimalUnits();
}
