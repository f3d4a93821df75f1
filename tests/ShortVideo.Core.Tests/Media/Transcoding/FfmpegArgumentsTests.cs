using ShortVideo.Media;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;
using Xunit.Abstractions;

namespace ShortVideo.Core.Tests.Media.Transcoding;

public sealed class FfmpegArgumentsTests
{
    private static readonly TranscodeSource Source = new("/in/clip.mp4", 1280, 720, 30, HasAudio: true, TimeSpan.FromSeconds(4));
    private readonly ITestOutputHelper _output;

    public FfmpegArgumentsTests(ITestOutputHelper output) => _output = output;

    private static IReadOnlyList<string> Build(LadderOptions options) =>
        FfmpegArguments.Build(Source, LadderPlanner.Plan(Source, options), "/out", options);

    [Fact]
    public void Software_h264_decodes_once_and_encodes_every_rung_with_aligned_keyframes()
    {
        var args = Build(new LadderOptions());
        _output.WriteLine(string.Join(' ', args.Select(a => a.Contains(' ') || a.Contains(';') || a.Contains('(') ? $"'{a}'" : a)));

        Assert.Single(args, a => a == "-i");
        Assert.Single(args, a => a == "-filter_complex");
        Assert.Equal(3, args.Count(a => a == "libx264"));
        Assert.Equal(3, args.Count(a => a == "expr:gte(t,n_forced*2)"));
        Assert.Equal(3, args.Count(a => a == "-sc_threshold"));
        Assert.Equal(3, args.Count(a => a == "0:a:0"));
        Assert.Contains("/out/480p/seg_%04d.m4s", args);
        Assert.Equal("/out/poster.jpg", args[args.ToList().IndexOf("[poster]") + 7]);
        Assert.Equal("/out/storyboard.jpg", args[^1]);
        Assert.Equal(
            "[0:v]split=5[s0][s1][s2][s3][s4];[s0]scale=1280:720,setsar=1,format=yuv420p[v0];[s1]scale=854:480,setsar=1,format=yuv420p[v1];"
            + "[s2]scale=640:360,setsar=1,format=yuv420p[v2];"
            + "[s3]trim=end=20,fps=5,scale=1280:720,setsar=1,signalstats,metadata=select:key=lavfi.signalstats.YAVG:value=28:function=greater,thumbnail=15[poster];"
            + "[s4]fps=1/1,scale=160:90,setsar=1,tile=4x1[storyboard]",
            args[args.ToList().IndexOf("-filter_complex") + 1]);
    }

    [Fact]
    public void Nvenc_uses_h264_nvenc_with_forced_idr_and_no_libx264()
    {
        var options = new LadderOptions { Encoder = VideoEncoder.Nvenc };
        var args = Build(options);

        Assert.Equal(3, args.Count(a => a == "h264_nvenc"));
        Assert.DoesNotContain("libx264", args);
        Assert.Equal(3, args.Count(a => a == "-forced-idr"));
        Assert.Equal(3, args.Count(a => a == "vbr"));
        Assert.Contains("p2", args);
    }

    [Fact]
    public void Nvenc_hevc_rungs_use_hevc_nvenc_tagged_hvc1()
    {
        var options = new LadderOptions { Encoder = VideoEncoder.Nvenc };
        options.Codecs.Add(VideoCodec.Hevc);
        var args = Build(options);

        Assert.Equal(3, args.Count(a => a == "hevc_nvenc"));
        Assert.Equal(3, args.Count(a => a == "hvc1"));
        Assert.DoesNotContain("libx265", args);
    }

    [Fact]
    public void Two_codecs_of_one_size_share_one_scale()
    {
        var options = new LadderOptions();
        options.Codecs.Add(VideoCodec.H264);
        options.Codecs.Add(VideoCodec.Hevc);
        var args = Build(options);
        var graph = args[args.ToList().IndexOf("-filter_complex") + 1];

        Assert.StartsWith("[0:v]split=5", graph);
        Assert.Contains("[s0]scale=1280:720,setsar=1,format=yuv420p,split=2[v0][v1]", graph);
        Assert.Equal(3, args.Count(a => a == "libx265"));
    }

    [Fact]
    public void A_source_above_60_fps_is_reduced_to_60_before_the_split()
    {
        var fast = Source with { FrameRate = 120 };
        var options = new LadderOptions();
        var args = FfmpegArguments.Build(fast, LadderPlanner.Plan(fast, options), "/out", options);

        Assert.StartsWith("[0:v]fps=60,split=", args[args.ToList().IndexOf("-filter_complex") + 1]);
    }

    [Fact]
    public void A_tap_is_split_off_the_decoded_frames_before_the_frame_rate_cap_and_written_raw_to_stdout()
    {
        var fast = Source with { FrameRate = 120 };
        var options = new LadderOptions();
        var tap = new FrameTap("fps=2,format=gray", 600, static (_, _) => Task.CompletedTask);
        var args = FfmpegArguments.Build(fast, LadderPlanner.Plan(fast, options), "/out", options, tap);

        Assert.Single(args, a => a == "-i");
        Assert.StartsWith(
            "[0:v]split=2[tapped][decoded];[tapped]fps=2,format=gray[tap];[decoded]fps=60,split=5[s0]",
            args[args.ToList().IndexOf("-filter_complex") + 1]);
        Assert.Equal(["-map", "[tap]", "-frames:v", "600", "-f", "rawvideo", "-"], args.TakeLast(7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void One_rendition_alone_gets_exactly_its_branch_of_the_one_process_arguments(int index)
    {
        var options = new LadderOptions();
        var ladder = LadderPlanner.Plan(Source, options);
        var all = Build(options).ToList();
        var one = FfmpegArguments.BuildOne(Source, ladder, index, "/out", options).ToList();

        // Same input options, then the branch's own chain from the decoded frames, then the very same
        // encoder, audio and muxer options as the branch has in the one-process list.
        var graphAt = one.IndexOf("-filter_complex");
        Assert.Equal(all[..all.IndexOf("-filter_complex")], one[..graphAt]);
        var rendition = ladder[index];
        var chain = $"scale={rendition.Width}:{rendition.Height},setsar=1,format=yuv420p";
        Assert.Equal($"[0:v]{chain}[v{index}]", one[graphAt + 1]);
        Assert.Contains($"]{chain}[v{index}]", all[all.IndexOf("-filter_complex") + 1]);
        var branchStart = all.IndexOf($"[v{index}]") - 1;
        var branchEnd = all.IndexOf($"/out/{rendition.Name}/index.m3u8");
        Assert.Equal(all[branchStart..(branchEnd + 1)], one[(graphAt + 2)..]);
    }

    [Fact]
    public void One_rendition_alone_of_a_fast_source_is_reduced_to_60_fps_like_the_split()
    {
        var fast = Source with { FrameRate = 120 };
        var options = new LadderOptions();
        var one = FfmpegArguments.BuildOne(fast, LadderPlanner.Plan(fast, options), 0, "/out", options);

        Assert.StartsWith("[0:v]fps=60,scale=", one[one.ToList().IndexOf("-filter_complex") + 1]);
    }
}
