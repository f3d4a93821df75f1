using System.Diagnostics;
using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Core.Tests.Ranking.Embeddings;

public sealed class EmbeddingTableConcurrencyTests
{
    [Theory]
    [InlineData(EmbeddingStorage.Fp32)]
    [InlineData(EmbeddingStorage.Fp16)]
    public async Task Readers_never_see_a_torn_row_while_the_writer_rewrites_it(EmbeddingStorage storage)
    {
        const int Ids = 8;
        const int Dimension = 256;
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = Dimension, Storage = storage, AdmissionThreshold = 1 }, new ManualTimeProvider());
        var values = new float[Dimension];
        for (long id = 0; id < Ids; id++)
        {
            table.Set(id, values);
        }

        using var stop = new CancellationTokenSource();
        var reads = 0L;
        var torn = 0L;
        var reader = Task.Run(() =>
        {
            var row = new float[Dimension];
            for (var id = 0L; !stop.IsCancellationRequested; id = (id + 1) % Ids)
            {
                Assert.True(table.TryGet(id, row));
                reads++;
                for (var i = 1; i < row.Length; i++)
                {
                    if (row[i] != row[0])
                    {
                        torn++;
                        break;
                    }
                }
            }
        });

        // Integers up to 2048 are exact in fp16, so every element of a whole row stays equal.
        var clock = Stopwatch.StartNew();
        var writes = 0;
        // Both sides must overlap for a while; on a loaded machine that takes longer than 400 ms, so the loop
        // waits for the counts (up to a minute, after which the assertions below fail).
        while ((clock.ElapsedMilliseconds < 400 || reads < 10_000 || writes <= 10_000) && clock.ElapsedMilliseconds < 60_000)
        {
            Array.Fill(values, (writes / Ids) % 2048);
            table.Set(writes % Ids, values);
            writes++;
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, torn);
        Assert.True(writes > 10_000, $"only {writes} writes overlapped the readers");
    }

    [Fact]
    public async Task Readers_of_a_swept_and_reused_slot_never_get_the_new_owners_row()
    {
        var time = new ManualTimeProvider();
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 64, AdmissionThreshold = 1, ExpireAfter = TimeSpan.FromTicks(1) }, time);
        var mine = new float[64];
        var theirs = new float[64];
        Array.Fill(theirs, 1);

        using var stop = new CancellationTokenSource();
        var wrong = 0L;
        var reader = Task.Run(() =>
        {
            var row = new float[64];
            while (!stop.IsCancellationRequested)
            {
                if (table.TryGet(1, row) && row[0] != 0)
                {
                    wrong++;
                }
            }
        });

        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 300)
        {
            table.Set(1, mine);
            time.Advance(TimeSpan.FromTicks(2));
            table.Sweep(time.GetUtcNow());
            table.Set(2, theirs);
            time.Advance(TimeSpan.FromTicks(2));
            table.Sweep(time.GetUtcNow());
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, wrong);
    }
}
