using System.CommandLine;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Commands.Videos;

/// <summary><c>svctl videos get ID</c>: one video as the node describes it (status, playback URL, error sentence).</summary>
internal static class VideosGetCommand
{
    private const string Name = "videos get";

    public static Command Create(Func<string, string?> environment)
    {
        var id = VideoCommandRun.IdArgument();
        var connection = new NodeConnectionOptions();
        var command = new Command("get", "Show one video: status, visibility, size, deduplicated, HLS URL or the reason it failed.");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parseResult, ct) =>
        {
            var videoId = VideoCommandRun.Id(parseResult, id, Name);
            return videoId is null
                ? Task.FromResult(ExitCodes.Usage)
                : VideoCommandRun.RunAsync(parseResult, connection, environment, Name, async api =>
                {
                    var video = await api.GetAsync(videoId, ct);
                    var output = parseResult.InvocationConfiguration.Output;
                    if (parseResult.GetValue(connection.Json))
                    {
                        output.WriteLine(video.Json);
                    }
                    else
                    {
                        VideoText.WriteDetails(video, output);
                    }

                    return ExitCodes.Ok;
                }, ct);
        });
        return command;
    }
}
