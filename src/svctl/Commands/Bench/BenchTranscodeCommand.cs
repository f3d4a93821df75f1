using System.CommandLine;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchTranscodeCommand
{
    public static Command Create()
    {
        var clip = new BenchClipOptions(width: 1920, height: 1080, seconds: 10, fps: 30);
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command("transcode", "Time the one-decode HLS ladder against one ffmpeg process per rendition at identical settings; SSIM per rendition.");
        clip.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (clip.Read(parseResult, "transcode", error, out var exitCode) is not { } settings)
            {
                return exitCode;
            }

            return await BenchInvocation.RunAsync(
                "transcode",
                (status, cancel) => BenchTranscodeRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchTranscodeReport,
                BenchTranscodeSummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }
}
