using Spectre.Console;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// Runs an upload with the right kind of progress: a Spectre bar on stderr when stderr is a terminal (so the
/// last stdout line stays the video id), plain lines when it is redirected, nothing with <c>--json</c> off a terminal.
/// </summary>
internal static class UploadConsole
{
    public static async Task<UploadResult> RunAsync(
        TusUploadOptions options, string path, bool json, TextWriter error, CancellationToken cancellationToken)
    {
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            using var plainClient = new TusUploadClient(options with { Notice = error.WriteLine });
            return await plainClient.UploadFileAsync(path, json ? null : new PlainProgress(error), cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        using var client = new TusUploadClient(options with { Notice = line => console.MarkupLine(Markup.Escape(line)) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 1);
                return await client.UploadFileAsync(path, new ProgressTaskReporter(task), cancellationToken);
            });
    }
}
