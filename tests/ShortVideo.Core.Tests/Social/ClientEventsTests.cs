using ShortVideo.Interactions;

namespace ShortVideo.Core.Tests.Social;

/// <summary>The rule for posted event batches, at its edges.</summary>
public sealed class ClientEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ClientEvent Like(string id, DateTimeOffset at) => new() { ClientEventId = id, Type = "like", VideoId = "v", At = at };

    [Fact]
    public void Times_just_inside_the_clock_skew_and_the_age_limit_are_accepted_and_just_outside_refused()
    {
        Assert.True(ClientEvents.TryParse("u", [Like("a", Now + ClientEvents.MaxClockSkew), Like("b", Now - ClientEvents.MaxAge)], Now, out var parsed, out _));
        Assert.Equal(2, parsed.Count);
        Assert.False(ClientEvents.TryParse("u", [Like("a", Now + ClientEvents.MaxClockSkew + TimeSpan.FromSeconds(1))], Now, out _, out var future));
        Assert.False(ClientEvents.TryParse("u", [Like("a", Now - ClientEvents.MaxAge - TimeSpan.FromSeconds(1))], Now, out _, out var old));
        Assert.StartsWith("Event 0: at", future, StringComparison.Ordinal);
        Assert.StartsWith("Event 0: at", old, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_documented_type_parses_and_a_follow_may_name_a_user_instead_of_a_video()
    {
        string[] types = ["impression", "view", "complete", "like", "unlike", "share", "skip", "follow", "unfollow", "not_interested"];
        var events = types.Select((t, i) => (ClientEvent?)new ClientEvent { ClientEventId = $"e{i}", Type = t, VideoId = "v", At = Now, WatchMs = 10 }).ToList();
        events.Add(new ClientEvent { ClientEventId = "f", Type = "follow", UserId = "bob", At = Now });

        Assert.True(ClientEvents.TryParse("u", events, Now, out var parsed, out var error), error);
        Assert.Equal(InteractionType.NotInterested, parsed[9].Interaction.Kind);
        Assert.Equal("bob", parsed[10].Interaction.TargetUserId);
        Assert.Equal("u", parsed[10].Interaction.UserId);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(86_400_001.0)]
    public void A_watch_time_that_is_negative_not_finite_or_over_a_day_refuses_the_whole_batch(double watchMs)
    {
        ClientEvent?[] events = [Like("ok", Now), new ClientEvent { ClientEventId = "w", Type = "view", VideoId = "v", At = Now, WatchMs = watchMs }];

        Assert.False(ClientEvents.TryParse("u", events, Now, out var parsed, out var error));
        Assert.Empty(parsed);
        Assert.StartsWith("Event 1: watchMs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_view_without_watch_time_and_a_like_naming_a_user_are_refused()
    {
        Assert.False(ClientEvents.TryParse("u", [new ClientEvent { ClientEventId = "a", Type = "view", VideoId = "v", At = Now }], Now, out _, out var view));
        Assert.False(ClientEvents.TryParse("u", [new ClientEvent { ClientEventId = "a", Type = "like", VideoId = "v", UserId = "x", At = Now }], Now, out _, out var like));
        Assert.Contains("watchMs", view, StringComparison.Ordinal);
        Assert.Contains("userId", like, StringComparison.Ordinal);
    }
}
