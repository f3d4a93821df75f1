using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sv-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Publish_to_a_free_name_gives_the_file_that_name()
    {
        var source = Path.Combine(_directory, "a.tmp");
        var destination = Path.Combine(_directory, "a");
        File.WriteAllText(source, "first");

        Assert.True(AtomicFile.TryPublish(source, destination));
        Assert.Equal("first", File.ReadAllText(destination));
    }

    [Fact]
    public void Publish_to_a_taken_name_returns_false_and_keeps_the_existing_file()
    {
        var source = Path.Combine(_directory, "b.tmp");
        var destination = Path.Combine(_directory, "b");
        File.WriteAllText(destination, "winner");
        File.WriteAllText(source, "loser");

        Assert.False(AtomicFile.TryPublish(source, destination));
        Assert.Equal("winner", File.ReadAllText(destination));
    }

    [Fact]
    public void Racing_publishers_have_exactly_one_winner()
    {
        const int Racers = 8;
        for (var round = 0; round < 20; round++)
        {
            var destination = Path.Combine(_directory, $"race-{round}");
            var sources = Enumerable.Range(0, Racers).Select(i => Path.Combine(_directory, $"race-{round}.{i}.tmp")).ToArray();
            for (var i = 0; i < Racers; i++)
            {
                File.WriteAllText(sources[i], i.ToString());
            }

            using var start = new Barrier(Racers);
            var won = new bool[Racers];
            var threads = Enumerable.Range(0, Racers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                won[i] = AtomicFile.TryPublish(sources[i], destination);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var winner = Assert.Single(Enumerable.Range(0, Racers), i => won[i]);
            Assert.Equal(winner.ToString(), File.ReadAllText(destination));
        }
    }

    [Fact]
    public void Publish_into_a_missing_directory_throws_an_IOException_naming_the_destination()
    {
        var source = Path.Combine(_directory, "c.tmp");
        File.WriteAllText(source, "x");
        var destination = Path.Combine(_directory, "missing", "c");

        var error = Assert.ThrowsAny<IOException>(() => AtomicFile.TryPublish(source, destination));

        Assert.Contains(destination, error.Message, StringComparison.Ordinal);
    }
}
