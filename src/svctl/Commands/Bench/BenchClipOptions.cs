using System.CommandLine;
using System.Globalization;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

/// <summary>
/// The generated clip's options of <c>svctl bench transcode</c> and <c>svctl bench pipeline</c> (--width, --height,
/// --seconds, --fps and the hidden --ffmpeg), each command with its own defaults, validated the same way.
/// </summary>
internal sealed class BenchClipOptions
{
    // DCI 4K is the largest camera frame we plan for; the ladder itself stops at a 1080 short side.
    private const int MaxSide = 4096;
    private const double MaxSeconds = 600;
    private const int MaxFps = 120;

    private readonly Option<int> _width;
    private readonly Option<int> _height;
    private readonly Option<double> _seconds;
    private readonly Option<int> _fps;
    private readonly Option<string> _ffmpeg;

    public BenchClipOptions(int width, int height, double seconds, int fps)
    {
        _width = new Option<int>("--width") { Description = "Source width in pixels (even).", DefaultValueFactory = _ => width };
        _height = new Option<int>("--height") { Description = "Source height in pixels (even).", DefaultValueFactory = _ => height };
        _seconds = new Option<double>("--seconds") { Description = "Source duration in seconds.", DefaultValueFactory = _ => seconds };
        _fps = new Option<int>("--fps") { Description = "Source frame rate.", DefaultValueFactory = _ => fps };
        _ffmpeg = new Option<string>("--ffmpeg") { Description = "The ffmpeg executable: a path or a name on PATH.", DefaultValueFactory = _ => "ffmpeg", Hidden = true };
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_width);
        command.Options.Add(_height);
        command.Options.Add(_seconds);
        command.Options.Add(_fps);
        command.Options.Add(_ffmpeg);
    }

    /// <summary>The settings asked for, or null after one line on stderr; <paramref name="exitCode"/> says which failure.</summary>
    public BenchTranscodeSettings? Read(ParseResult parseResult, string area, TextWriter error, out int exitCode)
    {
        var width = parseResult.GetValue(_width);
        var height = parseResult.GetValue(_height);
        var seconds = parseResult.GetValue(_seconds);
        var fps = parseResult.GetValue(_fps);
        if (Validate(width, height, seconds, fps) is { } problem)
        {
            exitCode = BenchInvocation.Fail(error, area, problem, BenchInvocation.ExitUsage);
            return null;
        }

        var ffmpegName = parseResult.GetValue(_ffmpeg)!;
        if (BenchFfmpeg.Resolve(ffmpegName) is not { } ffmpegPath)
        {
            // Debian ships ffmpeg as one package with ffprobe.
            exitCode = BenchInvocation.Fail(error, area, $"{ffmpegName} not found: install it with apt-get install ffmpeg", BenchInvocation.ExitFailed);
            return null;
        }

        exitCode = 0;
        return new BenchTranscodeSettings { Width = width, Height = height, Seconds = seconds, Fps = fps, Ffmpeg = ffmpegPath };
    }

    private static string? Validate(int width, int height, double seconds, int fps)
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
}
