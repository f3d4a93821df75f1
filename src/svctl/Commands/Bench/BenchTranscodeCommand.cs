using System.CommandLine;
using System.Globalization;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchTranscodeCommand
{
    // DCI 4K is the largest camera frame we plan for; the ladder itself stops at a 1080 short side.
    private const int MaxSide = 4096;
    private const double MaxSeconds = 600;
    private const int MaxFps = 120;

    public static Command Create()
    {
        var width = new Option<int>("--width") { Description = "Source width in pixels (even).", DefaultValueFactory = _ => 1920 };
        var height = new Option<int>("--height") { Description = "Source height in pixels (even).", DefaultValueFactory = _ => 1080 };
        var seconds = new Option<double>("--seconds") { Description = "Source duration in seconds.", DefaultValueFactory = _ => 10 };
        var fps = new Option<int>("--fps") { Description = "Source frame rate.", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };
        var ffmpeg = new Option<string>("--ffmpeg") { Description = "The ffmpeg executable: a path or a name on PATH.", DefaultValueFactory = _ => "ffmpeg", Hidden = true };

        var command = new Command("transcode", "Time the one-decode HLS ladder against one ffmpeg process per rendition at identical settings; SSIM per rendition.");
        command.Options.Add(width);
        command.Options.Add(height);
        command.Options.Add(seconds);
        command.Options.Add(fps);
        command.Options.Add(json);
        command.Options.Add(ffmpeg);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;

            var problem = Validate(parseResult.GetValue(width), parseResult.GetValue(height), parseResult.GetValue(seconds), parseResult.GetValue(fps));
            if (problem is not null)
            {
                return Fail(error, problem, BenchInvocation.ExitUsage);
            }

            var ffmpegName = parseResult.GetValue(ffmpeg)!;
            if (BenchFfmpeg.Resolve(ffmpegName) is not { } ffmpegPath)
            {
                // Debian ships ffmpeg as one package with ffprobe.
                return Fail(error, $"{ffmpegName} not found: install it with apt-get install ffmpeg", BenchInvocation.ExitFailed);
            }

            var settings = new BenchTranscodeSettings
            {
                Width = parseResult.GetValue(width),
                Height = parseResult.GetValue(height),
                Seconds = parseResult.GetValue(seconds),
                Fps = parseResult.GetValue(fps),
                Ffmpeg = ffmpegPath,
            };
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

    internal static string? Validate(int width, int height, double seconds, int fps)
    {
        // 4:2:0 H.264 needs even sides; an odd one would fail inside ffmpeg with a less readable message.
        if (width is < 2 or > MaxSide || width % 2 != 0)
        {
            return $"--width must be an even number of pixels between 2 and {MaxSide}";
        }

        if (height is < 2 or > MaxSide || height % 2 != 0)
        {
            return $"--height must be an even number of pixels between 2 and {MaxSide}";
        }

        if (!(seconds > 0 && seconds <= MaxSeconds))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--seconds must be more than 0 and at most {MaxSeconds}");
        }

        if (fps is < 1 or > MaxFps)
        {
            return $"--fps must be between 1 and {MaxFps}";
        }

        return null;
    }

    private static int Fail(TextWriter error, string message, int exitCode) => BenchInvocation.Fail(error, "transcode", message, exitCode);
}
