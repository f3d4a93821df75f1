using System.Globalization;
using ShortVideo.Core.Tests.Media.Transcoding;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

/// <summary>
/// The evaluation set, made with the real ffmpeg: distinct 3 s base clips from different lavfi sources (or the
/// same source with other seeds, regions or rules), and copies of each made the ways re-uploads are made.
/// 320×240 at 25 fps with x264 ultrafast keeps every encode well under a second.
/// </summary>
internal static class FingerprintCorpus
{
    // One thread: the tests run encodes side by side, and a single-threaded x264 is bit-for-bit repeatable.
    private static readonly string[] X264 = ["-an", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-threads", "1"];

    /// <summary>lavfi graphs of the base clips; each is genuinely different footage, not a variant of another.</summary>
    public static readonly string[] Bases =
    [
        "testsrc2=size=320x240:rate=25",
        "testsrc=size=320x240:rate=25",
        "smptehdbars=size=320x240:rate=25[a];color=c=white:size=60x60:rate=25[b];[a][b]overlay=x=t*60:y=60",
        "mandelbrot=size=320x240:rate=25",
        "mandelbrot=size=320x240:rate=25:start_x=-0.743643887:start_y=0.131825904:start_scale=0.02:end_scale=0.005",
        "life=size=80x60:rate=25:seed=1:ratio=0.3:mold=10,scale=320:240:flags=neighbor",
        "life=size=40x30:rate=25:seed=7:ratio=0.5:life_color=yellow,scale=320:240:flags=neighbor",
        "cellauto=size=80x60:rate=25:rule=30,scale=320:240:flags=neighbor",
        "cellauto=size=80x60:rate=25:rule=110:random_fill_ratio=0.4:seed=3,scale=320:240:flags=neighbor",
        "rgbtestsrc=size=320x240:rate=25,rotate=a=t*0.5",
        "gradients=size=320x240:rate=25:seed=1:speed=0.05",
        "gradients=size=320x240:rate=25:seed=7:nb_colors=4:speed=0.02",
        "color=c=navy:size=320x240:rate=25[a];color=c=orange:size=80x50:rate=25[b];[a][b]overlay=x=20+t*70:y=20+t*50",
        "pal75bars=size=320x240:rate=25[a];color=c=black:size=60x40:rate=25[b];[a][b]overlay=x=130:y=t*60",
        "yuvtestsrc=size=320x240:rate=25,rotate=a=-t*0.7",
        "sierpinski=size=320x240:rate=25:seed=1:type=carpet",
        "sierpinski=size=320x240:rate=25:seed=5:type=triangle",
        "mptestsrc=rate=25,scale=320:240",
        "colorspectrum=size=320x240:rate=25:type=all,rotate=a=t*0.3",
        "colorchart=rate=25,scale=320:240[a];color=c=white:size=40x40:rate=25[b];[a][b]overlay=x=t*80:y=100",
        "nullsrc=size=320x240:rate=25,geq=lum='128+100*sin(X/20+T*2)*cos(Y/15)':cb=128:cr=128",
        "nullsrc=size=320x240:rate=25,geq=lum='128+100*sin(hypot(X-160\\,Y-120)/10-T*3)':cb=128:cr=128",
        "mandelbrot=size=320x240:rate=25:start_x=-1.25066:start_y=0.02012:start_scale=0.05:end_scale=0.01:outer=normalized_iteration_count",
        "haldclutsrc=level=6:rate=25,scale=320:240,rotate=a=t*0.4",
    ];

    /// <summary>The ways a copy is made; each base gets two of them, so every kind is tried on several clips.</summary>
    public static readonly (string Name, Func<string, string, string[]> Arguments)[] Copies =
    [
        ("re-encode at CRF 35", static (source, target) => Encode(source, target, ["-crf", "35"])),
        ("resize to 2/3", static (source, target) => Encode(source, target, ["-vf", "scale=212:160", "-crf", "23"])),
        ("bitrate 120 kb/s", static (source, target) => Encode(source, target, ["-b:v", "120k"])),
        ("re-mux to mkv", static (source, target) => ["-i", source, "-c", "copy", target]),
        ("crop 5% a side, rescale", static (source, target) => Encode(source, target, ["-vf", "crop=iw*0.9:ih*0.9,scale=320:240", "-crf", "23"])),
        ("crop 10% left, 4% top, rescale", static (source, target) => Encode(source, target, ["-vf", "crop=iw*0.88:ih*0.92:iw*0.1:ih*0.04,scale=320:240", "-crf", "23"])),
        ("pillarbox to 16:9", static (source, target) => Encode(source, target, ["-vf", "pad=428:240:54:0:black", "-crf", "23"])),
    ];

    public static string MakeBase(string directory, int index)
    {
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"base-{index:D2}.mp4"));
        Ffmpeg(["-f", "lavfi", "-i", Bases[index], "-t", "3", .. X264, "-crf", "18", path]);
        return path;
    }

    public static string MakeCopy(string directory, string source, int baseIndex, int copyIndex)
    {
        var extension = Copies[copyIndex].Name.Contains("mkv", StringComparison.Ordinal) ? "mkv" : "mp4";
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"copy-{baseIndex:D2}-{copyIndex}.{extension}"));
        Ffmpeg(Copies[copyIndex].Arguments(source, path));
        return path;
    }

    private static string[] Encode(string source, string target, string[] settings) => ["-i", source, .. X264, .. settings, target];

    private static void Ffmpeg(string[] arguments)
    {
        var result = MediaTools.Run("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments]);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
