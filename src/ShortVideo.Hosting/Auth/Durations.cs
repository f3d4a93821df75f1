using System.Globalization;

namespace ShortVideo.Hosting.Auth;

/// <summary>Durations in refusal sentences: "30 days", "36 hours", "1.5 minutes".</summary>
internal static class Durations
{
    public static string Describe(TimeSpan duration)
    {
        var (value, unit) = duration.Duration() switch
        {
            var d when d >= TimeSpan.FromDays(1) => (duration.TotalDays, "day"),
            var d when d >= TimeSpan.FromHours(1) => (duration.TotalHours, "hour"),
            var d when d >= TimeSpan.FromMinutes(1) => (duration.TotalMinutes, "minute"),
            _ => (duration.TotalSeconds, "second"),
        };
        var rounded = Math.Round(value, value >= 100 ? 0 : 2);
        return string.Create(CultureInfo.InvariantCulture, $"{rounded:0.##} {unit}{(rounded == 1 ? string.Empty : "s")}");
    }
}
