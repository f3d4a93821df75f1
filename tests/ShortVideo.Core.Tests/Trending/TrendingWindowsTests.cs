using ShortVideo.Trending;

namespace ShortVideo.Core.Tests.Trending;

/// <summary>The sliding windows of trending: minutes enter both windows and leave the hour, then the day, exactly on time.</summary>
public sealed class TrendingWindowsTests
{
    private const long Now = 1_000_000;

    [Fact]
    public void A_minute_counts_in_the_hour_for_60_minutes_and_in_the_day_for_1440()
    {
        var windows = new TrendingWindows();
        windows.Advance(Now);
        windows.Add(Now, "v", new TrendingWeight(3, 0));

        windows.Advance(Now + 59);
        Assert.Equal(3, windows.Totals(TrendingWindow.Hour)["v"].Interactions);

        windows.Advance(Now + 60);
        Assert.False(windows.Totals(TrendingWindow.Hour).ContainsKey("v"));
        Assert.Equal(3, windows.Totals(TrendingWindow.Day)["v"].Interactions);

        windows.Advance(Now + 1439);
        Assert.Equal(3, windows.Totals(TrendingWindow.Day)["v"].Interactions);
        windows.Advance(Now + 1440);
        Assert.False(windows.Totals(TrendingWindow.Day).ContainsKey("v"));
    }

    [Fact]
    public void A_late_event_counts_only_in_the_windows_its_minute_is_still_in_and_a_future_or_day_old_one_not_at_all()
    {
        var windows = new TrendingWindows();
        windows.Advance(Now);
        windows.Add(Now - 90, "late", new TrendingWeight(1, 0));
        windows.Add(Now - 1440, "ancient", new TrendingWeight(1, 0));
        windows.Add(Now + 5, "future", new TrendingWeight(1, 0));

        Assert.False(windows.Totals(TrendingWindow.Hour).ContainsKey("late"));
        Assert.Equal(1, windows.Totals(TrendingWindow.Day)["late"].Interactions);
        Assert.Single(windows.Totals(TrendingWindow.Day));

        // Leaving the hour window again must not subtract what never entered it.
        windows.Advance(Now + 100);
        Assert.Empty(windows.Totals(TrendingWindow.Hour));
        Assert.Equal(1, windows.Totals(TrendingWindow.Day)["late"].Interactions);
    }

    [Fact]
    public void A_removed_video_is_gone_from_every_window_and_minute_and_does_not_come_back_when_minutes_expire()
    {
        var windows = new TrendingWindows();
        windows.Advance(Now);
        windows.Add(Now, "gone", new TrendingWeight(2, 5));
        windows.Add(Now, "kept", new TrendingWeight(1, 0));

        windows.Remove("gone");
        windows.Advance(Now + 61);

        Assert.False(windows.Totals(TrendingWindow.Day).ContainsKey("gone"));
        Assert.DoesNotContain(windows.TakeDirty(), d => d.Bucket.ContainsKey("gone"));
        Assert.Equal(1, windows.Totals(TrendingWindow.Day)["kept"].Interactions);
    }
}
