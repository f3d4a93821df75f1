namespace ShortVideo.Media.Hls;

/// <summary>One EXT-X-STREAM-INF of a master playlist and the URI on the line after it.</summary>
/// <param name="Attributes">The tag's attributes.</param>
/// <param name="Uri">The media playlist URI, relative to the master playlist.</param>
internal sealed record VariantStream(IReadOnlyDictionary<string, string> Attributes, string Uri);

/// <summary>The tags of an HLS master (multivariant) playlist that validation looks at.</summary>
/// <param name="HasHeader">Whether the first line is #EXTM3U.</param>
/// <param name="IndependentSegments">Whether #EXT-X-INDEPENDENT-SEGMENTS is present.</param>
/// <param name="Variants">The variant streams in playlist order.</param>
internal sealed record MasterPlaylist(bool HasHeader, bool IndependentSegments, IReadOnlyList<VariantStream> Variants)
{
    public static MasterPlaylist Parse(string text)
    {
        var lines = PlaylistLines.Split(text);
        var independent = false;
        Dictionary<string, string>? pending = null;
        var variants = new List<VariantStream>();
        foreach (var line in lines)
        {
            if (line == "#EXT-X-INDEPENDENT-SEGMENTS")
            {
                independent = true;
            }
            else if (PlaylistLines.TryValue(line, "#EXT-X-STREAM-INF:", out var attributes))
            {
                pending = AttributeList.Parse(attributes);
            }
            else if (!line.StartsWith('#') && pending is not null)
            {
                variants.Add(new VariantStream(pending, line));
                pending = null;
            }
        }

        return new MasterPlaylist(PlaylistLines.HasHeader(lines), independent, variants);
    }
}
