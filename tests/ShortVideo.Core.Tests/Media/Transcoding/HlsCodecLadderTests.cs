using ShortVideo.Media;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Core.Tests.Media.Transcoding;

/// <summary>
/// HEVC (libx265) and AV1 (libsvtav1) rungs by configuration, encoded for real in the same one-decode
/// process as H.264: every rendition validates, decodes to the end, and the master names each codec.
/// </summary>
public sealed class HlsCodecLadderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sv-codecs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Hevc_and_av1_rungs_are_encoded_beside_h264_and_validate()
    {
        var input = MediaTools.MakeClip(_directory, 320, 180, 2, audio: true);
        var source = new TranscodeSource(input, 320, 180, 30, HasAudio: true, TimeSpan.FromSeconds(2));
        var options = new LadderOptions { SegmentDuration = TimeSpan.FromSeconds(2) };
        options.Codecs.Add(VideoCodec.H264);
        options.Codecs.Add(VideoCodec.Hevc);
        options.Codecs.Add(VideoCodec.Av1);
        var ladder = LadderPlanner.Plan(source, options);

        var result = await LandscapeTranscodeFixture.CreateTranscoder(options).TranscodeAsync(source, ladder, Path.Combine(_directory, "out"), CancellationToken.None);

        Assert.Empty(HlsValidator.Validate(result.MasterPlaylistPath));
        var master = await File.ReadAllTextAsync(result.MasterPlaylistPath);
        Assert.Contains("avc1.", master, StringComparison.Ordinal);
        Assert.Contains("hvc1.", master, StringComparison.Ordinal);
        Assert.Contains("av01.", master, StringComparison.Ordinal);
        foreach (var rendition in result.Renditions)
        {
            var decode = MediaTools.Run("ffmpeg", "-v", "error", "-i", rendition.PlaylistPath, "-f", "null", "-");
            Assert.True(decode.ExitCode == 0, $"{rendition.Rendition.Name} did not decode: {decode.Error}");
            var codec = MediaTools.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", rendition.PlaylistPath).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Single();
            Assert.Equal(rendition.Rendition.Codec switch { VideoCodec.Hevc => "hevc", VideoCodec.Av1 => "av1", _ => "h264" }, codec);
        }
    }
}
