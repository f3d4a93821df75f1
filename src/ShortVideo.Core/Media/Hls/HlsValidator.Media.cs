namespace ShortVideo.Media.Hls;

public static partial class HlsValidator
{
    private static void CheckMedia(string uri, MediaPlaylist media, Func<string, long?> lengthOf, List<string> violations)
    {
        if (!media.HasHeader)
        {
            violations.Add($"{uri} does not start with #EXTM3U.");
        }

        // EXT-X-MAP in a media playlist needs version 6 (RFC 8216 section 7).
        if (media.Version is not >= 6)
        {
            violations.Add($"{uri} declares EXT-X-VERSION {media.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; fMP4 needs 6 or more.");
        }

        if (media.PlaylistType != "VOD")
        {
            violations.Add($"{uri} lacks #EXT-X-PLAYLIST-TYPE:VOD.");
        }

        if (!media.HasEndList)
        {
            violations.Add($"{uri} lacks #EXT-X-ENDLIST.");
        }

        if (media.MapUri is null)
        {
            violations.Add($"{uri} lacks #EXT-X-MAP (the fMP4 initialization section).");
        }
        else if (lengthOf(media.MapUri) is null)
        {
            violations.Add($"The initialization section {media.MapUri} of {uri} does not exist.");
        }

        if (media.Segments.Count == 0)
        {
            violations.Add($"{uri} has no media segment.");
        }

        CheckSegments(uri, media, lengthOf, violations);
    }

    private static void CheckSegments(string uri, MediaPlaylist media, Func<string, long?> lengthOf, List<string> violations)
    {
        if (media.TargetDuration is null)
        {
            violations.Add($"{uri} lacks #EXT-X-TARGETDURATION.");
        }

        for (var i = 0; i < media.Segments.Count; i++)
        {
            var segment = media.Segments[i];
            if (lengthOf(segment.Uri) is null)
            {
                violations.Add($"The segment {segment.Uri} of {uri} does not exist.");
            }

            if (media.TargetDuration is not { } declared)
            {
                continue;
            }

            // RFC 8216 4.3.3.1: each EXTINF, rounded to the nearest integer, at most the target duration.
            if (Math.Round(segment.Duration, MidpointRounding.AwayFromZero) > declared)
            {
                violations.Add($"The segment {segment.Uri} of {uri} lasts {segment.Duration:0.###} s, longer than the target duration {declared} s.");
            }

            var last = i == media.Segments.Count - 1;
            if (!last && Math.Abs(segment.Duration - declared) > SegmentDurationTolerance)
            {
                violations.Add($"The segment {segment.Uri} of {uri} lasts {segment.Duration:0.###} s, more than {SegmentDurationTolerance} s from the target duration {declared} s.");
            }
        }
    }
}
