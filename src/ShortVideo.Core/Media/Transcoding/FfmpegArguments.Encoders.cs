using System.Globalization;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Media.Transcoding;

internal static partial class FfmpegArguments
{
    private static void AddVideoEncoder(List<string> args, Rendition rendition, LadderOptions options)
    {
        var nvenc = options.Encoder == VideoEncoder.Nvenc;
        switch (rendition.Codec)
        {
            case VideoCodec.Hevc when nvenc:
                // hvc1 (parameter sets in the sample entry) is the tag Apple players require for HEVC in fMP4.
                args.AddRange(["-c:v", "hevc_nvenc", "-tag:v", "hvc1", "-profile:v", "main", "-level:v", rendition.Level, "-tier", "main"]);
                AddNvencRateControl(args, options);
                break;
            case VideoCodec.Hevc:
                args.AddRange(["-c:v", "libx265", "-tag:v", "hvc1", "-preset", options.Preset, "-forced-idr", "1"]);
                args.AddRange(["-x265-params", $"level-idc={rendition.Level}:scenecut=0:open-gop=0:log-level=error"]);
                break;
            case VideoCodec.Av1:
                // ffmpeg 5.1 has no av1_nvenc, so AV1 stays on SVT-AV1 with either encoder family. SVT-AV1
                // gets a GOP of one keyframe interval and no scene-change keyframes besides the forced ones.
                var gop = (int)Math.Round(rendition.FrameRate * options.KeyframeInterval.TotalSeconds);
                args.AddRange(["-c:v", "libsvtav1", "-preset", SvtAv1Preset(options.Preset), "-g", gop.ToString(CultureInfo.InvariantCulture), "-svtav1-params", "scd=0"]);
                break;
            case VideoCodec.H264 when nvenc:
                args.AddRange(["-c:v", "h264_nvenc", "-profile:v", "high", "-level:v", rendition.Level]);
                AddNvencRateControl(args, options);
                break;
            default:
                // sc_threshold 0: no extra keyframes at scene cuts, which would differ between renditions.
                args.AddRange(["-c:v", "libx264", "-profile:v", "high", "-level:v", rendition.Level, "-preset", options.Preset]);
                args.AddRange(["-sc_threshold", "0", "-forced-idr", "1"]);
                break;
        }
    }

    // Variable bit rate held to -maxrate/-bufsize like the x264 rungs; forced keyframes as IDRs and no
    // scene-cut keyframes, so NVENC renditions align with each other like the software ones do.
    private static void AddNvencRateControl(List<string> args, LadderOptions options) =>
        args.AddRange(["-preset", NvencPreset(options.Preset), "-rc", "vbr", "-forced-idr", "1", "-no-scenecut", "1"]);

    /// <summary>x264 preset names mapped onto NVENC's p1 (fastest) to p7 (best).</summary>
    internal static string NvencPreset(string x264Preset) => x264Preset switch
    {
        "ultrafast" or "superfast" => "p1",
        "veryfast" => "p2",
        "faster" => "p3",
        "fast" => "p4",
        "medium" => "p5",
        "slow" => "p6",
        _ => "p7",
    };

    /// <summary>x264 preset names mapped onto SVT-AV1's 0 (best) to 13 (fastest).</summary>
    internal static string SvtAv1Preset(string x264Preset) => x264Preset switch
    {
        "ultrafast" or "superfast" => "12",
        "veryfast" => "10",
        "faster" or "fast" => "8",
        "medium" => "6",
        _ => "4",
    };
}
