namespace ShortVideo.Media.Hls;

/// <summary>Parses an HLS attribute list (RFC 8216 section 4.2): NAME=value pairs, values optionally quoted.</summary>
internal static class AttributeList
{
    public static Dictionary<string, string> Parse(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var name = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                close = close < 0 ? text.Length : close;
                value = text[(i + 1)..close];
                i = Math.Min(close + 1, text.Length);
            }
            else
            {
                var comma = text.IndexOf(',', i);
                comma = comma < 0 ? text.Length : comma;
                value = text[i..comma].Trim();
                i = comma;
            }

            attributes[name] = value;
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }

        return attributes;
    }
}
