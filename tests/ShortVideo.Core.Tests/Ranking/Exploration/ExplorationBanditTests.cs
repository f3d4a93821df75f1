using Microsoft.Extensions.Options;
using ShortVideo.Ranking.Exploration;

namespace ShortVideo.Core.Tests.Ranking.Exploration;

/// <summary>
/// Thompson sampling for new videos, with seeded randomness: the posterior follows completions, fresh videos
/// are boosted, the slot share is respected, seen videos are never picked, and videos graduate.
/// </summary>
public sealed class ExplorationBanditTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(41, 11)]
    [InlineData(0.5, 3)]
    public void Beta_draws_average_to_the_posterior_mean(double a, double b)
    {
        var random = new Random(7);
        double sum = 0;
        const int draws = 40_000;
        for (var i = 0; i < draws; i++)
        {
            var x = BetaSampler.Sample(random, a, b);
            Assert.InRange(x, 0, 1);
            sum += x;
        }

        Assert.Equal(a / (a + b), sum / draws, 0.01);
    }

    [Fact]
    public void A_video_that_viewers_complete_is_picked_far_more_often_than_one_they_skip()
    {
        var bandit = Bandit();
        bandit.Register(1, Now);
        bandit.Register(2, Now);
        Record(bandit, 1, completions: 40, skips: 10);
        Record(bandit, 2, completions: 5, skips: 45);

        var wins = CountWins(bandit, rounds: 2000, slots: 1);

        Assert.True(wins[1] > 20 * Math.Max(1, wins[2]), $"completed {wins[1]} vs skipped {wins[2]}");
    }

    [Fact]
    public void A_fresh_video_beats_an_equal_two_day_old_one_most_of_the_time()
    {
        var bandit = Bandit();
        bandit.Register(1, Now);
        bandit.Register(2, Now - TimeSpan.FromDays(2));
        Record(bandit, 1, completions: 10, skips: 10);
        Record(bandit, 2, completions: 10, skips: 10);

        var wins = CountWins(bandit, rounds: 2000, slots: 1);

        // Same posterior; the fresh one's draw is multiplied by 1.5, the old one's by about 1.
        Assert.InRange(wins[1], 1300, 2000);
    }

    [Fact]
    public void Uncertain_new_videos_still_get_picked_beside_a_proven_one()
    {
        var bandit = Bandit();
        bandit.Register(1, Now);
        bandit.Register(2, Now);
        Record(bandit, 1, completions: 30, skips: 30);

        var wins = CountWins(bandit, rounds: 2000, slots: 1);

        Assert.InRange(wins[2], 400, 1600);
    }

    [Fact]
    public void A_page_gives_the_configured_share_of_its_slots_and_never_a_seen_video()
    {
        var bandit = Bandit();
        for (var id = 1; id <= 30; id++)
        {
            bandit.Register(id, Now);
        }

        var slots = bandit.SlotsFor(10);
        var picked = bandit.Pick(slots, new Random(3), exclude: new HashSet<long> { 1, 2, 3, 4, 5 });

        Assert.Equal(2, slots);
        Assert.Equal(2, picked.Count);
        Assert.Equal(picked.Count, picked.Distinct().Count());
        Assert.DoesNotContain(picked, id => id <= 5);
        Assert.Equal(0, bandit.SlotsFor(0));
        Assert.Equal(1, bandit.SlotsFor(2));
        Assert.Empty(Bandit().Pick(2, new Random(3)));
    }

    [Fact]
    public void A_video_leaves_exploration_after_the_graduation_count()
    {
        var bandit = Bandit(o => o.GraduateAfterImpressions = 10);
        bandit.Register(1, Now);
        Record(bandit, 1, completions: 4, skips: 5);
        Assert.Equal(1, bandit.CandidateCount);

        bandit.RecordImpression(1, completed: true);

        Assert.Equal(0, bandit.CandidateCount);
        Assert.Empty(bandit.Pick(1, new Random(1)));
    }

    [Fact]
    public void The_same_seed_picks_the_same_videos()
    {
        var bandit = Bandit();
        for (var id = 1; id <= 50; id++)
        {
            bandit.Register(id, Now - TimeSpan.FromHours(id));
        }

        Assert.Equal(bandit.Pick(5, new Random(11)), bandit.Pick(5, new Random(11)));
    }

    [Fact]
    public void A_full_bandit_keeps_the_newest_videos_and_refuses_an_older_one()
    {
        var bandit = Bandit(o => o.MaxVideos = 3);
        for (var id = 1; id <= 5; id++)
        {
            bandit.Register(id, Now - TimeSpan.FromHours(10 - id)); // 5 is the newest
        }

        bandit.Register(6, Now - TimeSpan.FromDays(30)); // older than every explored video: not added

        Assert.Equal(3, bandit.CandidateCount);
        Assert.Equal([3L, 4L, 5L], bandit.Pick(10, new Random(1)).Order());
    }

    [Fact]
    public void A_video_that_graduates_makes_room_for_a_new_one_in_a_full_bandit()
    {
        var bandit = Bandit(o =>
        {
            o.MaxVideos = 2;
            o.GraduateAfterImpressions = 3;
        });
        bandit.Register(1, Now - TimeSpan.FromHours(2));
        bandit.Register(2, Now - TimeSpan.FromHours(1));
        Record(bandit, 1, completions: 3, skips: 0);

        bandit.Register(3, Now - TimeSpan.FromHours(3)); // older than 2 but there is room now

        Assert.Equal([2L, 3L], bandit.Pick(10, new Random(1)).Order());
    }

    [Fact]
    public void A_pick_from_a_sample_of_many_videos_gives_distinct_unseen_videos_and_reaches_all_of_them_over_time()
    {
        var bandit = Bandit(o => o.PickSample = 8);
        for (var id = 1; id <= 200; id++)
        {
            bandit.Register(id, Now);
        }

        var exclude = new HashSet<long> { 1, 2, 3 };
        var random = new Random(5);
        var reached = new HashSet<long>();
        for (var round = 0; round < 2000; round++)
        {
            var picked = bandit.Pick(4, random, exclude);
            Assert.Equal(picked.Count, picked.Distinct().Count());
            Assert.DoesNotContain(picked, exclude.Contains);
            reached.UnionWith(picked);
        }

        Assert.Equal(197, reached.Count);
    }

    [Theory]
    [InlineData(1.5, 200, 6, "SlotShare")]
    [InlineData(0.2, 0, 6, "GraduateAfterImpressions")]
    [InlineData(0.2, 200, 0, "FreshnessHalfLife")]
    public void Options_out_of_range_are_refused_with_the_key(double share, int graduate, int halfLifeHours, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => Bandit(o =>
        {
            o.SlotShare = share;
            o.GraduateAfterImpressions = graduate;
            o.FreshnessHalfLife = TimeSpan.FromHours(halfLifeHours);
        }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ExplorationBandit Bandit(Action<ExplorationOptions>? configure = null)
    {
        var options = new ExplorationOptions();
        configure?.Invoke(options);
        return new ExplorationBandit(Options.Create(options), new ManualTimeProvider(Now));
    }

    private static void Record(ExplorationBandit bandit, long id, int completions, int skips)
    {
        for (var i = 0; i < completions; i++)
        {
            bandit.RecordImpression(id, completed: true);
        }

        for (var i = 0; i < skips; i++)
        {
            bandit.RecordImpression(id, completed: false);
        }
    }

    private static Dictionary<long, int> CountWins(ExplorationBandit bandit, int rounds, int slots)
    {
        var wins = new Dictionary<long, int> { [1] = 0, [2] = 0 };
        var random = new Random(42);
        for (var i = 0; i < rounds; i++)
        {
            foreach (var id in bandit.Pick(slots, random))
            {
                wins[id]++;
            }
        }

        return wins;
    }
}
