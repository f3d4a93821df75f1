using ShortVideo.Ranking.Learning;

namespace ShortVideo.Core.Tests.Ranking.Learning;

/// <summary>Snapshots of everything learned, restored into a fresh learner as after a restart.</summary>
public sealed class ModelSnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sv-rank-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_restarted_learner_retrieves_exactly_what_the_old_one_learned()
    {
        var before = Trained();
        await before.Trainer.SaveAsync(_directory);

        var after = new LearnerFixture();
        after.AddCreators(creators: 4, videosEach: 10);
        Assert.True(await after.Trainer.RestoreAsync(_directory));

        for (var user = 1L; user <= 8; user++)
        {
            // The old learner's matrix lags its tables (no refresh pass in the fixture); the restored one is
            // republished whole, so compare what the towers say and check the restored matrix says the same.
            Assert.Equal(TowerTop(before, user), TowerTop(after, user));
            Assert.Equal(TowerTop(after, user).Select(hit => hit.Id), after.TopFor(user, 10).Select(hit => hit.Id));
            Assert.Equal(before.Model.History(user).ToArray(), after.Model.History(user).ToArray());
        }

        Assert.Equal(before.Popularity.Top(10), after.Popularity.Top(10));
        Assert.Equal(before.Model.Tags.Count, after.Model.Tags.Count);
    }

    [Fact]
    public async Task Restoring_before_the_catalog_is_added_works_as_well()
    {
        var before = Trained();
        await before.Trainer.SaveAsync(_directory);

        var after = new LearnerFixture();
        Assert.True(await after.Trainer.RestoreAsync(_directory));
        after.AddCreators(creators: 4, videosEach: 10);

        Assert.Equal(TowerTop(before, 3), TowerTop(after, 3));
        Assert.Equal(TowerTop(after, 3).Select(hit => hit.Id), after.TopFor(3, 10).Select(hit => hit.Id));
    }

    [Fact]
    public async Task No_snapshot_restores_nothing_and_says_so()
    {
        var fixture = new LearnerFixture();
        Assert.False(await fixture.Trainer.RestoreAsync(_directory));
    }

    [Fact]
    public async Task Only_the_newest_generation_is_kept_and_an_unfinished_one_is_ignored()
    {
        var fixture = Trained();
        await fixture.Trainer.SaveAsync(_directory);
        fixture.Trainer.Train([new InteractionEvent(1, 2001, InteractionKind.Share)]);
        await fixture.Trainer.SaveAsync(_directory);
        Assert.Single(Directory.GetDirectories(_directory, "generation-*"));

        // A save that died before switching CURRENT leaves a generation nobody names.
        Directory.CreateDirectory(Path.Combine(_directory, "generation-9999999999999999999-dead"));
        var after = new LearnerFixture();
        after.AddCreators(creators: 4, videosEach: 10);
        Assert.True(await after.Trainer.RestoreAsync(_directory));
        Assert.Equal(fixture.Model.History(1).ToArray(), after.Model.History(1).ToArray());
    }

    [Fact]
    public async Task A_damaged_snapshot_is_refused_with_a_sentence_and_the_current_state_stays()
    {
        var fixture = Trained();
        await fixture.Trainer.SaveAsync(_directory);
        var generation = Directory.GetDirectories(_directory, "generation-*").Single();
        var state = Path.Combine(generation, "state.bin");
        var bytes = await File.ReadAllBytesAsync(state);
        await File.WriteAllBytesAsync(state, bytes[..(bytes.Length / 2)]);

        var target = Trained(seedUser: 100);
        var top = target.TopFor(101, 10);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => target.Trainer.RestoreAsync(_directory));

        Assert.Contains("Nothing was loaded", error.Message, StringComparison.Ordinal);
        Assert.Equal(top, target.TopFor(101, 10));
        Assert.True(target.Model.History(1).IsEmpty, "user 1 of the damaged snapshot leaked into the current state");
    }

    [Fact]
    public async Task A_snapshot_of_another_dimension_is_refused()
    {
        var fixture = Trained();
        await fixture.Trainer.SaveAsync(_directory);

        var wider = new LearnerFixture(dimension: 32);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => wider.Trainer.RestoreAsync(_directory));
        Assert.Contains("16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The top 10 by the towers' own output (user vector · video vector), independent of the matrix.</summary>
    private static (long Id, float Score)[] TowerTop(LearnerFixture fixture, long user)
    {
        var u = fixture.UserVector(user);
        var v = new float[u.Length];
        var scores = new List<(long Id, float Score)>();
        for (var creator = 1; creator <= 4; creator++)
        {
            for (var i = 0; i < 10; i++)
            {
                var id = (creator * 1000L) + i;
                Assert.True(fixture.Model.TryVideoVector(id, v));
                scores.Add((id, System.Numerics.Tensors.TensorPrimitives.Dot(u, v)));
            }
        }

        return [.. scores.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Id).Take(10)];
    }

    private static LearnerFixture Trained(long seedUser = 1)
    {
        var fixture = new LearnerFixture();
        fixture.AddCreators(creators: 4, videosEach: 10);
        var random = new Random(11);
        for (var round = 0; round < 20; round++)
        {
            var events = new List<InteractionEvent>();
            for (var user = seedUser; user < seedUser + 8; user++)
            {
                var creator = ((user - seedUser) % 4) + 1;
                events.Add(new InteractionEvent(user, (creator * 1000) + random.Next(10), InteractionKind.Like));
                events.Add(new InteractionEvent(user, (((creator % 4) + 1) * 1000) + random.Next(10), InteractionKind.Skip));
            }

            fixture.Trainer.Train(events.ToArray());
        }

        return fixture;
    }
}
