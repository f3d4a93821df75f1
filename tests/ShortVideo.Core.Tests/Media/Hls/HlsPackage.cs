namespace ShortVideo.Core.Tests.Media.Hls;

/// <summary>A hand-made HLS package in memory: playlists by URI and file sizes, each test breaking one rule.</summary>
internal sealed class HlsPackage
{
    // Two renditions of two 6 s segments; 720p segments of 1.5 MB (2 Mb/s), 360p of 0.3 MB (400 kb/s).
    public string Master { get; set; } =
        """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-STREAM-INF:BANDWIDTH=400000,AVERAGE-BANDWIDTH=390000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=30.000
        360p/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1950000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000
        720p/index.m3u8
        """;

    public Dictionary<string, string> Playlists { get; } = new()
    {
        ["360p/index.m3u8"] = Media(6, 6),
        ["720p/index.m3u8"] = Media(6, 6),
    };

    public Dictionary<string, long> Files { get; } = new()
    {
        ["360p/init.mp4"] = 1000,
        ["360p/seg_0000.m4s"] = 300_000,
        ["360p/seg_0001.m4s"] = 300_000,
        ["720p/init.mp4"] = 1000,
        ["720p/seg_0000.m4s"] = 1_500_000,
        ["720p/seg_0001.m4s"] = 1_500_000,
    };

    public static string Media(params double[] durations)
    {
        var text = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n";
        for (var i = 0; i < durations.Length; i++)
        {
            text += FormattableString.Invariant($"#EXTINF:{durations[i]:0.000000},\nseg_{i:D4}.m4s\n");
        }

        return text + "#EXT-X-ENDLIST\n";
    }

    public IReadOnlyList<string> Validate() =>
        ShortVideo.Media.Hls.HlsValidator.Validate(
            Master,
            uri => Playlists.GetValueOrDefault(uri),
            uri => Files.TryGetValue(uri, out var length) ? length : null);
}
