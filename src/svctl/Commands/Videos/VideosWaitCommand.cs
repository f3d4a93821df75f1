using System.CommandLine;
using ShortVideo.Cli.Parsing;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Commands.Videos;

/// <summary>
/// <c>svctl videos wait ID [--timeout 30m]</c>: follows processing; prints the HLS URL when the video is ready, or
/// the reason it failed (exit 1).
/// </summary>
internal static class VideosWaitCommand
{
    private const string Name = "videos wait";

    public static Command Create(Func<string, string?> environment)
    {
        var id = VideoCommandRun.IdArgument();
        var timeout = TimeoutOption();
        var connection = new NodeConnectionOptions();
        var command = new Command("wait", "Wait until a video is ready (prints its HLS URL) or failed (prints why, exit 1).");
        command.Arguments.Add(id);
        command.Options.Add(timeout);
        connection.AddTo(command);
        command.SetAction((parseResult, ct) =>
        {
            var videoId = VideoCommandRun.Id(parseResult, id, Name);
            if (videoId is null || ReadTimeout(parseResult, timeout, Name) is not { } limit)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            return VideoCommandRun.RunAsync(parseResult, connection, environment, Name, async api =>
            {
                var json = parseResult.GetValue(connection.Json);
                var error = parseResult.InvocationConfiguration.Error;
                var video = await new VideoWaiter(api).WaitAsync(videoId, limit, json ? null : v => error.WriteLine($"status: {v.Status}"), ct);
                return Report(video, json, parseResult.InvocationConfiguration.Output, error, Name);
            }, ct);
        });
        return command;
    }

    /// <summary><c>--timeout</c>, shared with <c>svctl upload --wait</c>.</summary>
    public static Option<string> TimeoutOption() => new("--timeout")
    {
        Description = $"Longest wait for processing: {DurationParser.Formats}.",
        DefaultValueFactory = _ => DurationParser.Format(VideoWaiter.DefaultTimeout),
    };

    /// <summary>The parsed <c>--timeout</c>, or null after writing why it is not a duration.</summary>
    public static TimeSpan? ReadTimeout(ParseResult parseResult, Option<string> option, string commandName)
    {
        if (DurationParser.TryParse(parseResult.GetValue(option), TimeSpan.FromDays(7), out var limit, out var problem))
        {
            return limit;
        }

        parseResult.InvocationConfiguration.Error.WriteLine($"svctl {commandName}: --timeout {problem}");
        return null;
    }

    /// <summary>Ready: the HLS URL on stdout, exit 0. Failed: the node's sentence on stderr, exit 1. <c>--json</c>: the video's JSON.</summary>
    public static int Report(VideoSnapshot video, bool json, TextWriter output, TextWriter error, string commandName)
    {
        if (json)
        {
            output.WriteLine(video.Json);
        }
        else if (video.Status == VideoStates.Ready && video.Hls is not null)
        {
            output.WriteLine(VideoText.OneLine(video.Hls));
        }

        if (video.Status == VideoStates.Ready)
        {
            return ExitCodes.Ok;
        }

        error.WriteLine($"svctl {commandName}: video {VideoText.OneLine(video.Id)} failed: {VideoText.OneLine(video.Error ?? "the node gave no reason")}");
        return ExitCodes.Failed;
    }
}
