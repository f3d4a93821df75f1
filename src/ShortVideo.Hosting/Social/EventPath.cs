using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShortVideo.Hosting.Social;

/// <summary>Names the event a JSON error is in ("$.events[3].watchMs" -> event 3's watchMs), so a refusal says which one.</summary>
internal static partial class EventPath
{
    public static string? Describe(JsonException failure)
    {
        var match = failure.Path is null ? null : Pattern().Match(failure.Path);
        if (match is null || !match.Success)
        {
            return null;
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var field = match.Groups[2].Success ? match.Groups[2].Value : "the event";
        return $"Event {index}: {field} is malformed or of the wrong type (numbers must be finite JSON numbers, times ISO 8601 strings). Nothing in this batch was stored.";
    }

    [GeneratedRegex(@"^\$\.events\[(\d{1,6})\](?:\.([A-Za-z]{1,40}))?", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
