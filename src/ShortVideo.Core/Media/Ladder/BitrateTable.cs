namespace ShortVideo.Media.Ladder;

/// <summary>Average video bit rate for a picture size, frame rate and codec.</summary>
internal static class BitrateTable
{
    // Apple HLS Authoring Specification for Apple Devices, video 1.18, table "Video average bit rate":
    // H.264 at <= 30 fps (the lower of the two rows the table gives for 768x432, 1280x720 and 1920x1080).
    // https://developer.apple.com/documentation/http_live_streaming/hls_authoring_specification_for_apple_devices
    private static readonly (int Pixels, int Kbps)[] AppleH264 =
    [
        (416 * 234, 145),
        (640 * 360, 365),
        (768 * 432, 730),
        (960 * 540, 2000),
        (1280 * 720, 3000),
        (1920 * 1080, 6000),
    ];

    /// <summary>Average video bit rate in bits per second, rounded to whole kb/s.</summary>
    public static int AverageBitrate(int width, int height, double frameRate, VideoCodec codec)
    {
        var kbps = H264Kbps(width * height) * FrameRateFactor(frameRate) * CodecFactor(codec);
        return (int)Math.Round(kbps) * 1000;
    }

    /// <summary>H.264 kb/s at 30 fps, linear in pixel count between the table's rows, proportional beyond its ends.</summary>
    internal static double H264Kbps(int pixels)
    {
        var first = AppleH264[0];
        if (pixels <= first.Pixels)
        {
            return first.Kbps * (double)pixels / first.Pixels;
        }

        for (var i = 1; i < AppleH264.Length; i++)
        {
            var (upperPixels, upperKbps) = AppleH264[i];
            if (pixels <= upperPixels)
            {
                var (lowerPixels, lowerKbps) = AppleH264[i - 1];
                var t = (double)(pixels - lowerPixels) / (upperPixels - lowerPixels);
                return lowerKbps + (t * (upperKbps - lowerKbps));
            }
        }

        var last = AppleH264[^1];
        return last.Kbps * (double)pixels / last.Pixels;
    }

    /// <summary>
    /// 1 up to 30 fps: Apple's table gives one bit rate for every rate up to 30 fps. Above 30 fps the bit
    /// rate grows linearly to 1.5x at 60 fps, not 2x: consecutive frames differ less, so each costs fewer
    /// bits. 1.5x is YouTube's ratio between its 60 fps and 30 fps upload recommendations (8 vs 12 Mb/s at 1080p).
    /// </summary>
    internal static double FrameRateFactor(double frameRate)
    {
        if (frameRate <= 30)
        {
            return 1;
        }

        return 1 + (0.5 * (Math.Min(frameRate, 60) - 30) / 30);
    }

    /// <summary>
    /// Assumption, not a measurement of ours: published codec comparisons put HEVC at 30-40% and AV1 at
    /// about 50% fewer bits than H.264 for the same quality, so HEVC gets 0.65x and AV1 0.5x.
    /// </summary>
    internal static double CodecFactor(VideoCodec codec) => codec switch
    {
        VideoCodec.Hevc => 0.65,
        VideoCodec.Av1 => 0.5,
        _ => 1,
    };
}
