using Microsoft.Extensions.Options;
using ShortVideo.Core.Tests.Media.Probing;
using ShortVideo.Core.Tests.Media.Transcoding;
using ShortVideo.Media;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Probing;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

/// <summary>
/// The media pipeline fingerprints a video from its transcode's decode (a tap on the filter graph) instead of an
/// ffmpeg process of its own. The frames must be the very bytes that process reads, so fingerprints made either way
/// (the index holds both, from before and after) compare as before, whatever the layout, rotation or frame rate.
/// </summary>
public sealed class TranscodeFingerprintFramesTests : IDisposable
{
    private readonly MediaSamples _samples = new();
    private readonly TempDirectory _output = new("sv-tap-");

    public void Dispose()
    {
        _samples.Dispose();
        _output.Dispose();
    }

    [Theory]
    [InlineData("plain.mp4")]
    [InlineData("clip.webm")]
    [InlineData("clip.ts")]
    [InlineData("rotated.mp4")]
    [InlineData("vfr.mp4")]
    [InlineData("fast.mp4")] // 120 fps: the renditions are cut to 60, the fingerprint's frames must not be
    public async Task The_transcode_taps_the_very_frames_a_fingerprinting_ffmpeg_of_its_own_reads(string layout)
    {
        var path = layout switch
        {
            "rotated.mp4" => _samples.Rotated("270"),
            "vfr.mp4" => _samples.VariableFrameRate(),
            "fast.mp4" => _samples.HighFrameRate(),
            _ => _samples.Layout(layout),
        };
        var standalone = await new VideoFingerprinter(Options.Create(new FingerprintOptions()), Options.Create(new TranscoderOptions()))
            .SampleAsync(path, CancellationToken.None);

        var (tapped, result) = await TranscodeAsync(path, new FingerprintOptions().MaxFrames);

        Assert.Empty(HlsValidator.Validate(result.MasterPlaylistPath));
        Assert.True(standalone.Pictures.Length >= 2 * FrameHasher.FrameBytes, $"{standalone.Pictures.Length} bytes of frames");
        Assert.Equal(standalone.Pictures.ToArray(), tapped.Pictures.ToArray());
        Assert.Equal(standalone.ToFingerprint().FrameHashes, tapped.ToFingerprint().FrameHashes);
    }

    [Fact]
    public async Task The_tap_stops_at_its_frame_limit_while_the_renditions_go_on_to_the_end()
    {
        var (tapped, result) = await TranscodeAsync(_samples.Layout("plain.mp4"), maxFrames: 1);

        Assert.Equal(FrameHasher.FrameBytes, tapped.Pictures.Length);
        var playlist = MediaPlaylist.Parse(await File.ReadAllTextAsync(result.Renditions[0].PlaylistPath));
        Assert.InRange(playlist.TotalDuration, 1.9, 2.1);
    }

    /// <summary>Probes and transcodes <paramref name="path"/> as the pipeline does, its frames tapped for a fingerprint.</summary>
    private async Task<(FingerprintFrames Frames, TranscodeResult Result)> TranscodeAsync(string path, int maxFrames)
    {
        var probe = await new MediaProber(Options.Create(new MediaProbeOptions())).ProbeAsync(path, CancellationToken.None);
        var video = probe.Video!;
        var source = new TranscodeSource(path, video.DisplayWidth, video.DisplayHeight, video.FrameRate ?? 30, probe.Audio is not null, video.Duration ?? probe.Duration!.Value);
        var options = new LadderOptions();
        var frames = new FingerprintFrames(maxFrames);
        var result = await LandscapeTranscodeFixture.CreateTranscoder(options)
            .TranscodeAsync(source, LadderPlanner.Plan(source, options), Path.Combine(_output.Path, "out"), frames.Tap, CancellationToken.None);
        return (frames, result);
    }
}
