using System.Globalization;

namespace ShortVideo.Media.Hls;

/// <summary>One media segment of a media playlist.</summary>
/// <param name="Duration">The EXTINF duration, in seconds.</param>
/// <param name="Uri">The segment URI, relative to the playlist.</param>
internal readonly record struct MediaSegment(double Duration, string Uri);

/// <summary>The tags of an HLS media playlist that packaging and validation look at.</summary>
internal sealed class MediaPlaylist
{
    public bool HasHeader { get; private init; }

    public int? Version { get; private init; }

    public int? TargetDuration { get; private init; }

    public string? PlaylistType { get; private init; }

    public string? MapUri { get; private init; }

    public bool HasEndList { get; private init; }

    public IReadOnlyList<MediaSegment> Segments { get; private init; } = [];

    public double TotalDuration
    {
        get
        {
            var total = 0.0;
            foreach (var segment in Segments)
            {
                total += segment.Duration;
            }

            return total;
        }
    }

    public static MediaPlaylist Parse(string text)
    {
        var lines = PlaylistLines.Split(text);
        int? version = null, target = null;
        string? type = null, map = null;
        var endList = false;
        double? pending = null;
        var segments = new List<MediaSegment>();
        foreach (var line in lines)
        {
            if (PlaylistLines.TryValue(line, "#EXT-X-VERSION:", out var v))
            {
                version = PlaylistLines.ParseInt(v);
            }
            else if (PlaylistLines.TryValue(line, "#EXT-X-TARGETDURATION:", out var t))
            {
                target = PlaylistLines.ParseInt(t);
            }
            else if (PlaylistLines.TryValue(line, "#EXT-X-PLAYLIST-TYPE:", out var p))
            {
                type = p;
            }
            else if (PlaylistLines.TryValue(line, "#EXT-X-MAP:", out var m))
            {
                map = AttributeList.Parse(m).GetValueOrDefault("URI");
            }
            else if (PlaylistLines.TryValue(line, "#EXTINF:", out var d))
            {
                var comma = d.IndexOf(',', StringComparison.Ordinal);
                pending = double.TryParse(comma < 0 ? d : d[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
            }
            else if (line == "#EXT-X-ENDLIST")
            {
                endList = true;
            }
            else if (!line.StartsWith('#') && pending is { } duration)
            {
                segments.Add(new MediaSegment(duration, line));
                pending = null;
            }
        }

        return new MediaPlaylist
        {
            HasHeader = PlaylistLines.HasHeader(lines),
            Version = version,
            TargetDuration = target,
            PlaylistType = type,
            MapUri = map,
            HasEndList = endList,
            Segments = segments,
        };
    }
}
