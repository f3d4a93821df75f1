using System.CommandLine;
using ShortVideo.Catalog;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Commands.Videos;

/// <summary><c>svctl videos list [--limit N] [--cursor C]</c>: your videos, newest first, a page at a time.</summary>
internal static class VideosListCommand
{
    private const string Name = "videos list";

    public static Command Create(Func<string, string?> environment)
    {
        var limit = new Option<string?>("--limit") { Description = $"Videos per page, 1 to {VideoPage.MaxLimit}." };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after a previous page (the cursor it printed)." };
        var connection = new NodeConnectionOptions();
        var command = new Command("list", "List your videos, newest first (every status, private ones included).");
        command.Options.Add(limit);
        command.Options.Add(cursor);
        connection.AddTo(command);
        command.SetAction((parseResult, ct) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            int? pageSize = null;
            if (parseResult.GetValue(limit) is { } text)
            {
                if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > VideoPage.MaxLimit)
                {
                    error.WriteLine($"svctl {Name}: --limit '{text}' is not a whole number from 1 to {VideoPage.MaxLimit}");
                    return Task.FromResult(ExitCodes.Usage);
                }

                pageSize = parsed;
            }

            return VideoCommandRun.RunAsync(parseResult, connection, environment, Name, async api =>
            {
                var page = await api.ListAsync(pageSize, parseResult.GetValue(cursor), ct);
                var output = parseResult.InvocationConfiguration.Output;
                if (parseResult.GetValue(connection.Json))
                {
                    output.WriteLine(page.Json);
                    return ExitCodes.Ok;
                }

                if (page.Items.Count == 0 && parseResult.GetValue(cursor) is null)
                {
                    error.WriteLine("no videos yet: upload one with ./svctl upload FILE");
                    return ExitCodes.Ok;
                }

                VideoText.WriteTable(page.Items, output);
                if (page.NextCursor is not null)
                {
                    error.WriteLine($"more: svctl videos list --cursor {page.NextCursor}");
                }

                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }
}
