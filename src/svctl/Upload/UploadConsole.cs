using Spectre.Console;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// Runs an upload with the right kind of progress: a Spectre bar on stderr when stderr is a terminal (so the
/// last stdout line stays the video id), plain lines when it is redirected, nothing with <c>--json</c> off a terminal.
/// </summary>
internal static class UploadConsole
{
    public static Task<UploadResult> RunAsync(
        TusUploadOptions options, string path, bool json, TextWriter error, CancellationToken cancellationToken)
    {
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return RunPlainAsync(options, path, json, error, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return RunWithBarAsync(options, path, console, cancellationToken);
    }

    /// <summary>The progress bar on <paramref name="console"/> (a terminal's stderr; tests pass a recording console).</summary>
    internal static async Task<UploadResult> RunWithBarAsync(
        TusUploadOptions options, string path, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var client = new TusUploadClient(options with { Notice = line => console.MarkupLine(Markup.Escape(line)) });

        // The file's size is the total from the first frame: the creation request (and its retries) come before any
        // byte is acknowledged, and a placeholder total would read "0 B / 1 B" until then.
        var total = Math.Max(1, new FileInfo(path).Length);
        return await console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new BinaryBytesColumn(),
                new BinaryRateColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: total);
                return await client.UploadFileAsync(path, new ProgressTaskReporter(task), cancellationToken);
            });
    }

    private static async Task<UploadResult> RunPlainAsync(
        TusUploadOptions options, string path, bool json, TextWriter error, CancellationToken cancellationToken)
    {
        using var plainClient = new TusUploadClient(options with { Notice = error.WriteLine });
        return await plainClient.UploadFileAsync(path, json ? null : new PlainProgress(error), cancellationToken);
    }
}
