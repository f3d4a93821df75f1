using System.Globalization;

namespace ShortVideo.Cli.Bench;

/// <summary>The machine's 1-minute load average, where the OS tells it (/proc/loadavg).</summary>
internal static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return end > 0 && double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
