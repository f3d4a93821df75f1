using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

public sealed class ItemMatrixWritesTests
{
    [Fact]
    public void Updates_and_swap_removes_across_segments_match_the_naive_ranking_of_what_remains()
    {
        const int dimension = 64;
        var matrix = new ItemMatrix(dimension);
        var live = new Dictionary<long, float[]>();
        var random = new Random(21);
        for (var step = 0; step < 6000; step++)
        {
            var id = random.Next(3000);
            var vector = RetrievalReference.RandomVectors(1, dimension, seed: step);
            switch (random.Next(3))
            {
                case 0 when !live.ContainsKey(id):
                    matrix.Add(id, vector);
                    live[id] = vector;
                    break;
                case 1:
                    Assert.Equal(live.ContainsKey(id), matrix.Update(id, vector));
                    if (live.ContainsKey(id))
                    {
                        live[id] = vector;
                    }

                    break;
                case 2:
                    Assert.Equal(live.Remove(id), matrix.Remove(id));
                    break;
            }
        }

        var ids = live.Keys.ToArray();
        var vectors = ids.SelectMany(id => live[id]).ToArray();
        var query = RetrievalReference.RandomVectors(1, dimension, seed: 99);
        Assert.Equal(ids.Length, matrix.Count);
        RetrievalReference.AssertMatches(RetrievalReference.Rank(ids, vectors, query, VectorPrecision.Fp32), matrix.TopK(query, ids.Length + 5), ids.Length + 5, dimension);
    }

    [Fact]
    public async Task Readers_during_writes_see_whole_rows_of_one_snapshot()
    {
        // Every vector is constant (all values equal to a per-write number), so a torn row would mix two numbers.
        const int dimension = 32;
        var matrix = new ItemMatrix(dimension);
        for (var id = 0; id < 5000; id++)
        {
            matrix.Add(id, Constant(dimension, id));
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        // Dedicated threads: on a busy 2-core runner, pool work items could leave the writer unstarted for seconds.
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(1);
            var next = 5000L;
            var writes = 0;
            while (!stop.IsCancellationRequested)
            {
                var id = random.Next((int)next);
                switch (random.Next(3))
                {
                    case 0:
                        matrix.Add(next, Constant(dimension, next));
                        next++;
                        break;
                    case 1:
                        matrix.Update(id, Constant(dimension, id + 0.5f));
                        break;
                    default:
                        matrix.Remove(id);
                        break;
                }

                writes++;
            }

            return writes;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var query = Enumerable.Range(0, dimension).Select(i => (float)((i % 3) - 1) + 0.25f).ToArray();
        var queryValues = query.Sum();
        var checkedHits = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var snapshot = matrix.Snapshot;
                foreach (var (id, score) in ExactTopK.TopK(snapshot, query, 20))
                {
                    var r = snapshot.RowOf(id);
                    Assert.True(r >= 0, $"id {id} is not in the snapshot it came from");
                    var values = new float[dimension];
                    snapshot.CopyRow(r, values);
                    Assert.All(values, v => Assert.Equal(values[0], v));
                    Assert.True(values[0] == id || values[0] == id + 0.5f, $"row of {id} holds {values[0]}");
                    Assert.Equal(values[0] * queryValues, score, Math.Abs(score) * 1e-5f + 1e-3f);
                    Interlocked.Increment(ref checkedHits);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await Task.WhenAll(readers);
        var writes = await writer;
        Assert.True(writes > 100, $"only {writes} writes");
        Assert.True(checkedHits > 100);
    }

    [Fact]
    public void A_million_fp32_items_of_dimension_64_take_under_a_gibibyte_and_fp16_about_half_of_that()
    {
        const long items = 1_000_000;
        var fp32 = ItemMatrix.BytesPerItemFor(64, VectorPrecision.Fp32);
        var fp16 = ItemMatrix.BytesPerItemFor(64, VectorPrecision.Fp16);

        Assert.True(items * fp32 < 1L << 30, $"{items * fp32} bytes");
        Assert.Equal(256 + 8 + 28, fp32);
        Assert.Equal(128 + 8 + 28, fp16);
        Assert.InRange((double)fp16 / fp32, 0.5, 0.6);
    }

    [Fact]
    public void Bytes_per_item_accounts_for_the_native_rows_actually_allocated()
    {
        foreach (var precision in new[] { VectorPrecision.Fp32, VectorPrecision.Fp16 })
        {
            var matrix = new ItemMatrix(100, precision);
            const int n = 20_000;
            matrix.AddRange(RetrievalReference.Ids(n), new float[n * 100]);
            var rowBytes = matrix.Layout.RowBytes;

            Assert.Equal(precision == VectorPrecision.Fp32 ? 112 * 4 : 112 * 2, rowBytes);
            // At most one partly filled segment beyond the rows in use.
            Assert.InRange(matrix.NativeBytes, (long)n * rowBytes, ((long)n * rowBytes) + ((long)matrix.Layout.SegmentRows * rowBytes));
        }
    }

    private static float[] Constant(int dimension, float value) => Enumerable.Repeat(value, dimension).ToArray();
}
