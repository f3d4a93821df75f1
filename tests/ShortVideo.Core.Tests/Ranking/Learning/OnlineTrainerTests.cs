using System.Diagnostics;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Learning;

/// <summary>
/// The online two-tower learner on real data paths: steps change the towers the way the events say, learning
/// beats popularity in a seeded simulated world, readers keep reading during a long step, bad events are
/// rejected whole.
/// </summary>
public sealed class OnlineTrainerTests
{
    [Fact]
    public void Users_who_engage_with_one_creator_get_that_creators_videos_retrieved_first()
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 4, videosEach: 25);
        var events = new List<InteractionEvent>();
        var random = new Random(3);

        // Users 1..20 love creator (user % 4) + 1 and skip the others.
        for (var round = 0; round < 30; round++)
        {
            for (var user = 1L; user <= 20; user++)
            {
                var favourite = (user % 4) + 1;
                var creator = random.Next(1, 5);
                var video = (creator * 1000L) + random.Next(25);
                events.Add(creator == favourite
                    ? new InteractionEvent(user, video, InteractionKind.View, 1f)
                    : new InteractionEvent(user, video, InteractionKind.Skip));
            }

            fixture.Trainer.Train(events.ToArray());
            events.Clear();
        }

        for (var user = 1L; user <= 20; user++)
        {
            var favourite = (user % 4) + 1;
            var top = fixture.TopFor(user, 10);
            var fromFavourite = top.Count(hit => hit.Id / 1000 == favourite);
            Assert.True(fromFavourite >= 9, $"user {user}: {fromFavourite} of the top 10 are from creator {favourite}");
        }
    }

    [Fact]
    public void The_in_batch_loss_falls_and_the_learner_beats_popularity_in_a_simulated_world()
    {
        var report = QualityEvaluator.Run(
            new SimulationOptions { Users = 300, Videos = 800, Events = 20_000, EvaluationUsers = 150, Dimension = 32 },
            new LearnerOptions());

        Assert.True(report.LastLoss < report.FirstLoss - 0.3, $"loss {report.FirstLoss} -> {report.LastLoss}");
        Assert.True(report.RecallAt50 >= 2 * report.PopularityRecallAt50, $"recall@50 {report.RecallAt50} vs popularity {report.PopularityRecallAt50}");
        Assert.True(report.NdcgAt10 > report.PopularityNdcgAt10, $"NDCG@10 {report.NdcgAt10} vs popularity {report.PopularityNdcgAt10}");
        Assert.Equal(1, report.OracleRecallAt50);
    }

    [Fact]
    public void The_same_seed_gives_the_same_figures()
    {
        var options = new SimulationOptions { Users = 100, Videos = 200, Events = 4_000, EvaluationUsers = 50, Dimension = 16 };
        var first = QualityEvaluator.Run(options, new LearnerOptions());
        var second = QualityEvaluator.Run(options, new LearnerOptions());
        Assert.Equal(first.RecallAt50, second.RecallAt50);
        Assert.Equal(first.NdcgAt10, second.NdcgAt10);
        Assert.Equal(first.LastLoss, second.LastLoss);
    }

    [Fact]
    public void A_watch_moves_the_user_at_once_through_the_history_before_any_row_is_admitted()
    {
        var fixture = new LearnerFixture(admissionThreshold: 3);
        fixture.AddCreators(creators: 2, videosEach: 5);
        Assert.False(fixture.Model.TryUserVector(7, new float[16]));

        fixture.Trainer.Train([new InteractionEvent(7, 2003, InteractionKind.Like)]);

        // No row yet (one sighting of three), but the history pools the liked video: the user is warm.
        Assert.False(fixture.Model.Users.TryGet(7, new float[16]));
        var user = fixture.UserVector(7);
        var liked = new float[16];
        fixture.Model.TryVideoVector(2003, liked);
        Assert.Equal(liked, user);
        Assert.Equal([2003L], fixture.Model.History(7).ToArray());
    }

    [Fact]
    public void History_keeps_the_most_recent_videos_once_each()
    {
        var fixture = new LearnerFixture(new LearnerOptions { HistoryLength = 3, RefreshPerStep = 0 });
        fixture.AddCreators(creators: 1, videosEach: 6);
        foreach (var video in new long[] { 1000, 1001, 1002, 1000, 1003 })
        {
            fixture.Trainer.Train([new InteractionEvent(9, video, InteractionKind.Complete)]);
        }

        Assert.Equal([1002L, 1000, 1003], fixture.Model.History(9).ToArray());
    }

    [Fact]
    public void A_new_video_starts_from_what_its_creator_and_hashtags_learned()
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 3, videosEach: 10);
        for (var round = 0; round < 40; round++)
        {
            fixture.Trainer.Train([
                new InteractionEvent(1, 1000 + (round % 10), InteractionKind.Like),
                new InteractionEvent(2, 2000 + (round % 10), InteractionKind.Like),
                new InteractionEvent(3, 3000 + (round % 10), InteractionKind.Like),
            ]);
        }

        // Creator 1's newest video was never seen, yet user 1 ranks it above every video of creators 2 and 3.
        fixture.Trainer.AddVideo(new VideoDescriptor(1999, 1, ["c1"], LearnerFixture.Start));
        var user = fixture.UserVector(1);
        var scores = ExactTopK.TopK(fixture.Matrix.Snapshot, user, fixture.Matrix.Count).ToDictionary(hit => hit.Id, hit => hit.Score);
        var bestOther = scores.Where(pair => pair.Key / 1000 != 1).Max(pair => pair.Value);
        Assert.True(scores[1999] > bestOther, $"new video {scores[1999]} vs best of other creators {bestOther}");
    }

    [Fact]
    public async Task Retrieval_readers_keep_reading_while_a_long_step_holds_the_writer()
    {
        var fixture = new LearnerFixture(new LearnerOptions { BatchSize = 65_536, RefreshPerStep = 0 }, dimension: 64);
        fixture.AddCreators(creators: 20, videosEach: 100);
        var random = new Random(5);
        var events = new InteractionEvent[12_000];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new InteractionEvent(random.Next(1, 3_000), ((random.Next(20) + 1) * 1000L) + random.Next(100), InteractionKind.Like);
        }

        fixture.Trainer.Train(events.AsSpan(0, 2_000));
        var step = Stopwatch.StartNew();
        var training = Task.Factory.StartNew(
            () =>
            {
                fixture.Trainer.Train(events);
                step.Stop();
            },
            TaskCreationOptions.LongRunning);
        var user = new float[64];
        var readsDuringStep = 0;
        var slowest = TimeSpan.Zero;
        while (!training.IsCompleted)
        {
            var started = Stopwatch.GetTimestamp();
            fixture.Model.TryUserVector(random.Next(1, 3_000), user);
            _ = ExactTopK.TopK(fixture.Matrix.Snapshot, user, 50);
            var took = Stopwatch.GetElapsedTime(started);
            if (!training.IsCompleted)
            {
                readsDuringStep++;
                slowest = took > slowest ? took : slowest;
            }
        }

        await training;
        // A reader that waited for the writer would manage one or two reads, the slowest as long as the step.
        // Relative, not absolute: on a loaded machine the step and the reads stretch together.
        Assert.True(readsDuringStep >= 20, $"only {readsDuringStep} reads finished while the step ran");
        Assert.True(slowest < step.Elapsed / 4, $"the slowest read took {slowest.TotalMilliseconds} ms of a {step.Elapsed.TotalMilliseconds} ms step");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.5f)]
    [InlineData(10.5f)]
    public void An_event_with_a_bad_watch_ratio_rejects_its_batch_and_stores_nothing(float ratio)
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 1, videosEach: 3);
        var before = fixture.Matrix.Snapshot.Version;

        var error = Assert.Throws<ArgumentException>(() => fixture.Trainer.Train([
            new InteractionEvent(1, 1000, InteractionKind.Like),
            new InteractionEvent(1, 1001, InteractionKind.View, ratio),
        ]));

        Assert.Contains("watch ratio", error.Message, StringComparison.Ordinal);
        Assert.Contains("event 1", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(fixture.Model.History(1).IsEmpty);
        Assert.False(fixture.Model.TryUserVector(1, new float[16]));
        Assert.Equal(0, fixture.Popularity.Count);
        Assert.Equal(before, fixture.Matrix.Snapshot.Version);
    }

    [Fact]
    public void An_event_of_an_unknown_kind_is_rejected()
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 1, videosEach: 1);
        var error = Assert.Throws<ArgumentException>(() => fixture.Trainer.Train([new InteractionEvent(1, 1000, (InteractionKind)42)]));
        Assert.Contains("not an interaction kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_for_videos_the_engine_does_not_know_are_counted_and_ignored()
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 1, videosEach: 2);
        var step = fixture.Trainer.Train([
            new InteractionEvent(1, 1000, InteractionKind.Like),
            new InteractionEvent(1, 424242, InteractionKind.Like),
        ]);

        Assert.Equal(1, step.Ignored);
        Assert.Equal(1, step.Positives);
        Assert.Equal([1000L], fixture.Model.History(1).ToArray());
    }

    [Fact]
    public void A_removed_video_leaves_retrieval_history_pooling_and_popularity()
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 1, videosEach: 3);
        fixture.Trainer.Train([new InteractionEvent(1, 1001, InteractionKind.Share), new InteractionEvent(1, 1002, InteractionKind.Like)]);

        Assert.True(fixture.Trainer.RemoveVideo(1001));

        Assert.False(fixture.Matrix.Contains(1001));
        Assert.DoesNotContain(1001L, fixture.Popularity.Top(10));
        Assert.DoesNotContain(1001L, fixture.Model.VideosOf(1));
        Assert.False(fixture.Model.TryVideoVector(1001, new float[16]));
        Assert.False(fixture.Trainer.RemoveVideo(1001));
    }

    [Fact]
    public void Options_out_of_range_fail_with_a_sentence_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LearnerFixture(new LearnerOptions { LearningRate = float.NaN }));
        Assert.Contains("Ranking:Learner:LearningRate", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<InvalidOperationException>(() => new LearnerFixture(new LearnerOptions { FlushInterval = TimeSpan.FromSeconds(2) }));
        Assert.Contains("FlushInterval", error.Message, StringComparison.Ordinal);
    }
}
