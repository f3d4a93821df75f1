using System.Globalization;
using System.Text;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Media.Transcoding;

/// <summary>
/// The argument list of the one ffmpeg process that decodes a source once and encodes every rendition
/// and the poster from it: one filter graph splits the decoded frames, scales each size once, and feeds
/// one encoder and one HLS muxer per rendition (and, given a <see cref="FrameTap"/>, raw frames to stdout).
/// </summary>
internal static partial class FfmpegArguments
{
    /// <summary>Name of the poster file in the output directory.</summary>
    public const string PosterFileName = "poster.jpg";

    /// <summary>Name of each rendition's media playlist inside its folder.</summary>
    public const string PlaylistFileName = "index.m3u8";

    // Posters are shown in feeds on phones; a 720 short side is sharp there and keeps the thumbnail
    // filter's frame buffer (it holds every frame it compares) small.
    private const int PosterMaxShortSide = 720;

    // The thumbnail filter compares this many seconds of frames and keeps the one closest to their
    // average histogram, which passes over black or flash frames at the very start.
    private const double PosterWindowSeconds = 3;

    // Poster candidates: this many frames a second from the first PosterSearchSeconds (non-black ones only).
    private const int PosterCandidatesPerSecond = 5;
    private const int PosterSearchSeconds = 20;

    // Only frames whose mean luma is above this reach the poster's thumbnail filter: black (16 in video
    // range) and near-black fades are never chosen. A video that is black throughout gets no poster.
    private const string NonBlack = "signalstats,metadata=select:key=lavfi.signalstats.YAVG:value=28:function=greater";

    public static IReadOnlyList<string> Build(
        TranscodeSource source, IReadOnlyList<Rendition> ladder, string outputDirectory, LadderOptions options, FrameTap? tap = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ladder.Count);
        var args = InputArguments(source);
        args.Add("-filter_complex");
        args.Add(FilterGraph(source, ladder, tap));
        for (var i = 0; i < ladder.Count; i++)
        {
            AddRendition(args, ladder[i], i, outputDirectory, options);
        }

        args.AddRange(["-map", "[poster]", "-frames:v", "1", "-update", "1", "-q:v", "3", Path.Combine(outputDirectory, PosterFileName)]);
        args.AddRange(["-map", "[storyboard]", "-frames:v", "1", "-update", "1", "-q:v", "5", Path.Combine(outputDirectory, StoryboardLayout.SpriteFileName)]);
        if (tap is not null)
        {
            args.AddRange(["-map", "[tap]", "-frames:v", tap.MaxFrames.ToString(CultureInfo.InvariantCulture), "-f", "rawvideo", "-"]);
        }

        return args;
    }

    /// <summary>
    /// One process that encodes only <paramref name="ladder"/>[<paramref name="index"/>]: the input options,
    /// scale chain, encoder, muxer and audio options of that rendition's branch in <see cref="Build"/>, without
    /// the split and the poster. <c>svctl bench transcode</c> runs one per rendition as its baseline, so the
    /// settings of both runs are equal by construction; the branch keeps its label [v<paramref name="index"/>]
    /// so its output options are the very same strings.
    /// </summary>
    public static IReadOnlyList<string> BuildOne(TranscodeSource source, IReadOnlyList<Rendition> ladder, int index, string outputDirectory, LadderOptions options)
    {
        var rendition = ladder[index];
        var args = InputArguments(source);
        args.Add("-filter_complex");
        args.Add(string.Create(CultureInfo.InvariantCulture, $"[0:v]{FrameRateCap(source)}{ScaleChain(rendition.Width, rendition.Height)}[v{index}]"));
        AddRendition(args, rendition, index, outputDirectory, options);
        return args;
    }

    /// <summary>"fps=60," when the source is faster than HLS allows, else empty: the head of every video chain.</summary>
    internal static string FrameRateCap(TranscodeSource source) =>
        source.FrameRate > LadderPlanner.MaxFrameRate
            ? string.Create(CultureInfo.InvariantCulture, $"fps={LadderPlanner.MaxFrameRate},")
            : string.Empty;

    private static string ScaleChain(int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height},setsar=1,format=yuv420p");

    /// <summary>
    /// Decodes the streams a transcode reads (first video, first audio when there is one) into nothing: its only
    /// input is the source and its only output is the null muxer, so an error it reports is the source's.
    /// </summary>
    public static IReadOnlyList<string> BuildDecodeCheck(TranscodeSource source)
    {
        var args = InputArguments(source);
        args.AddRange(["-map", "0:v:0"]);
        if (source.HasAudio)
        {
            args.AddRange(["-map", "0:a:0"]);
        }

        args.AddRange(["-f", "null", "-"]);
        return args;
    }

    // -xerror: stop at the first error reading the source (a sample the index places past the end of the file,
    // a packet the demuxer flags corrupt, a frame the decoder cannot decode or conceals) instead of logging it and
    // carrying on. Without it ffmpeg exits 0 for a +faststart MP4 cut at 60%, whose index ffprobe reads whole, and
    // the renditions end where the bytes did (2.45 s of 4 s). Measured with ffmpeg 5.1 on healthy MP4 (plain,
    // faststart, fragmented, B-frames, rotated, VFR, HEVC), MOV, MKV, WebM (VP9, Opus) and MPEG-TS sources: none
    // logs an error, so none trips it; the option costs nothing where nothing is wrong.
    private static List<string> InputArguments(TranscodeSource source) =>
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-xerror", "-y", "-i", source.InputPath];

    /// <summary>
    /// "[0:v]split=S+2" once, then per distinct size one scale (split again when several codecs share it),
    /// plus the poster and the storyboard branches. A tap is split off the decoded frames first, before the frame
    /// rate cap, so it sees the very frames a decode of its own would: its filters pick frames by time.
    /// </summary>
    internal static string FilterGraph(TranscodeSource source, IReadOnlyList<Rendition> ladder, FrameTap? tap = null)
    {
        var sizes = new List<(int Width, int Height)>();
        foreach (var r in ladder)
        {
            if (!sizes.Contains((r.Width, r.Height)))
            {
                sizes.Add((r.Width, r.Height));
            }
        }

        var graph = new StringBuilder();
        if (tap is not null)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[0:v]split=2[tapped][decoded];[tapped]{tap.FilterChain}[tap];[decoded]");
        }
        else
        {
            graph.Append("[0:v]");
        }

        graph.Append(FrameRateCap(source));
        graph.Append(CultureInfo.InvariantCulture, $"split={sizes.Count + 2}");
        for (var s = 0; s <= sizes.Count + 1; s++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[s{s}]");
        }

        for (var s = 0; s < sizes.Count; s++)
        {
            var (width, height) = sizes[s];
            graph.Append(CultureInfo.InvariantCulture, $";[s{s}]{ScaleChain(width, height)}");
            var users = new List<int>();
            for (var i = 0; i < ladder.Count; i++)
            {
                if (ladder[i].Width == width && ladder[i].Height == height)
                {
                    users.Add(i);
                }
            }

            if (users.Count > 1)
            {
                graph.Append(CultureInfo.InvariantCulture, $",split={users.Count}");
            }

            foreach (var i in users)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[v{i}]");
            }
        }

        // The poster is chosen among the first seconds only, at a few frames per second: the branch then stops
        // scaling and measuring after PosterSearchSeconds instead of running over every frame of the video.
        var poster = PosterSize(ladder);
        var window = (int)Math.Round(PosterCandidatesPerSecond * PosterWindowSeconds);
        graph.Append(CultureInfo.InvariantCulture, $";[s{sizes.Count}]trim=end={PosterSearchSeconds},fps={PosterCandidatesPerSecond},scale={poster.Width}:{poster.Height},setsar=1,{NonBlack},thumbnail={window}[poster]");
        graph.Append(CultureInfo.InvariantCulture, $";[s{sizes.Count + 1}]{StoryboardLayout.For(source).FilterChain()}[storyboard]");
        return graph.ToString();
    }

    // The largest rung with a short side of at most 720, else the smallest rung.
    private static (int Width, int Height) PosterSize(IReadOnlyList<Rendition> ladder)
    {
        Rendition? fitting = null;
        var smallest = ladder[0];
        foreach (var r in ladder)
        {
            if (Math.Min(r.Width, r.Height) <= PosterMaxShortSide && (fitting is null || r.Width * r.Height > fitting.Width * fitting.Height))
            {
                fitting = r;
            }

            if (r.Width * r.Height < smallest.Width * smallest.Height)
            {
                smallest = r;
            }
        }

        var chosen = fitting ?? smallest;
        return (chosen.Width, chosen.Height);
    }

    private static void AddRendition(List<string> args, Rendition rendition, int index, string outputDirectory, LadderOptions options)
    {
        args.AddRange(["-map", $"[v{index.ToString(CultureInfo.InvariantCulture)}]"]);
        if (rendition.HasAudio)
        {
            args.AddRange(["-map", "0:a:0"]);
        }

        AddVideoEncoder(args, rendition, options);
        var keyframeSeconds = options.KeyframeInterval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

        // Keyframes at the same instants in every rendition (not at scene cuts), so a player can switch
        // renditions at any segment boundary; the expression forces one at every multiple of the interval.
        args.AddRange(["-force_key_frames", $"expr:gte(t,n_forced*{keyframeSeconds})"]);
        args.AddRange(["-b:v", Bits(rendition.VideoBitrate), "-maxrate", Bits(rendition.MaxBitrate), "-bufsize", Bits(rendition.BufferSize)]);
        if (rendition.HasAudio)
        {
            args.AddRange(["-c:a", "aac", "-b:a", Bits(rendition.AudioBitrate), "-ac", "2"]);
        }

        var folder = Path.Combine(outputDirectory, rendition.Name);
        args.AddRange(
        [
            "-f", "hls",
            "-hls_time", options.SegmentDuration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-hls_playlist_type", "vod",
            "-hls_segment_type", "fmp4",
            "-hls_flags", "independent_segments",
            "-hls_fmp4_init_filename", "init.mp4",
            "-hls_segment_filename", Path.Combine(folder, "seg_%04d.m4s"),
            Path.Combine(folder, PlaylistFileName),
        ]);
    }

    private static string Bits(int bitsPerSecond) => bitsPerSecond.ToString(CultureInfo.InvariantCulture);
}
