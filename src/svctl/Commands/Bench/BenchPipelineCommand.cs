using System.CommandLine;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        // A phone's portrait clip: what a short-video node is uploaded most.
        var clip = new BenchClipOptions(width: 1080, height: 1920, seconds: 15, fps: 30);
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command(
            "pipeline",
            "Time a node from the completing upload PATCH to ready (probe, fingerprint, transcode, poster, storyboard, publishing) against one ffmpeg process per rendition.");
        clip.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (clip.Read(parseResult, "pipeline", error, out var exitCode) is not { } settings)
            {
                return exitCode;
            }

            return await BenchInvocation.RunAsync(
                "pipeline",
                (status, cancel) => BenchPipelineRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchPipelineReport,
                BenchPipelineSummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }
}
