using Microsoft.Extensions.Options;
using ShortVideo.Media;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Core.Tests.Media.Transcoding;

/// <summary>
/// Transcodes one 4 s 1280x720 30 fps clip with audio once for the whole test class (the slow part),
/// with 2 s segments so each rendition has two of them. The directory is deleted afterwards.
/// </summary>
public sealed class LandscapeTranscodeFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sv-hls-").FullName;

    internal TranscodeResult Result { get; private set; } = null!;

    internal IReadOnlyList<Rendition> Ladder { get; private set; } = [];

    internal TranscodeSource Source { get; private set; } = null!;

    internal static HlsTranscoder CreateTranscoder(LadderOptions ladder, TimeSpan? timeout = null, string ffmpeg = "ffmpeg") =>
        new(Options.Create(new TranscoderOptions { FfmpegPath = ffmpeg, Timeout = timeout ?? TimeSpan.FromMinutes(2) }), Options.Create(ladder), TimeProvider.System);

    public async Task InitializeAsync()
    {
        var input = MediaTools.MakeClip(Directory, 1280, 720, 4, audio: true);
        Source = new TranscodeSource(input, 1280, 720, 30, HasAudio: true, TimeSpan.FromSeconds(4));
        var options = new LadderOptions { SegmentDuration = TimeSpan.FromSeconds(2) };
        Ladder = LadderPlanner.Plan(Source, options);
        Result = await CreateTranscoder(options).TranscodeAsync(Source, Ladder, Path.Combine(Directory, "out"), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
