using System.Runtime.InteropServices;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

public sealed unsafe class BatchKernelTests
{
    [Theory]
    [InlineData(64, 64, false)]
    [InlineData(64, 100, false)]
    [InlineData(37, 64, false)]
    [InlineData(5, 16, false)]
    [InlineData(64, 64, true)]
    [InlineData(50, 100, true)]
    public void The_register_transpose_writes_the_same_panel_as_the_value_by_value_one(int count, int dimension, bool fp16)
    {
        var precision = fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32;
        var matrix = RetrievalReference.Build(
            RetrievalReference.Ids(BatchKernel.TileRows), RetrievalReference.RandomVectors(BatchKernel.TileRows, dimension, seed: count), dimension, precision);
        var snapshot = matrix.Snapshot;
        var layout = snapshot.Layout;
        var floats = layout.Stride * BatchKernel.TileRows;
        var fast = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), ItemSegment.Alignment);
        var slow = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), ItemSegment.Alignment);
        try
        {
            // Stale values where the tail must be zeroed.
            new Span<float>(fast, floats).Fill(float.NaN);
            new Span<float>(slow, floats).Fill(float.NaN);
            var rows = snapshot.Segments[0].Data;
            if (fp16)
            {
                PanelTranspose.Transpose<HalfRows>(rows, count, layout.RowBytes, layout.Stride, fast);
                PanelTranspose.Scalar<HalfRows>(rows, 0, count, layout.RowBytes, layout.Stride, slow);
            }
            else
            {
                PanelTranspose.Transpose<SingleRows>(rows, count, layout.RowBytes, layout.Stride, fast);
                PanelTranspose.Scalar<SingleRows>(rows, 0, count, layout.RowBytes, layout.Stride, slow);
            }

            Assert.Equal(new Span<float>(slow, floats).ToArray(), new Span<float>(fast, floats).ToArray());
            var row = new float[dimension];
            snapshot.CopyRow(count / 2, row);
            for (var d = 0; d < dimension; d++)
            {
                Assert.Equal(row[d], fast[(d * BatchKernel.TileRows) + (count / 2)]);
            }

            // Rows past count and the stride's padding values are zero, so they add nothing to a score.
            if (count < BatchKernel.TileRows)
            {
                Assert.Equal(0f, fast[(layout.Stride * BatchKernel.TileRows) - 1]);
            }

            if (dimension < layout.Stride)
            {
                Assert.Equal(0f, fast[(layout.Stride - 1) * BatchKernel.TileRows]);
            }
        }
        finally
        {
            NativeMemory.AlignedFree(fast);
            NativeMemory.AlignedFree(slow);
        }
    }

    [Fact]
    public void Each_query_of_a_batch_leaves_out_its_own_filtered_rows_in_partial_tiles_and_groups()
    {
        // 20 queries: three full groups of six and a padded one; 9037 rows: a partial last tile in a second segment.
        const int n = 9037;
        const int dimension = 48;
        const int batch = 20;
        var ids = RetrievalReference.Ids(n);
        var vectors = RetrievalReference.RandomVectors(n, dimension, seed: 21);
        var snapshot = RetrievalReference.Build(ids, vectors, dimension, VectorPrecision.Fp32).Snapshot;
        var queries = RetrievalReference.RandomVectors(batch, dimension, seed: 22);
        var filters = new ExclusionFilter?[batch];
        var random = new Random(23);
        for (var i = 0; i < batch; i += 2)
        {
            var filter = new ExclusionFilter(n);
            for (var r = 0; r < n; r++)
            {
                if (random.Next(4) == 0 || (i == 4 && r < 64 * 10))
                {
                    filter.Exclude(r);
                }
            }

            filters[i] = filter;
        }

        var results = ExactTopK.TopKBatch(snapshot, queries, 25, filters);

        for (var i = 0; i < batch; i++)
        {
            var expected = RetrievalReference.Rank(ids, vectors, queries.AsSpan(i * dimension, dimension), VectorPrecision.Fp32, filters[i] is { } f ? f.IsExcluded : null);
            RetrievalReference.AssertMatches(expected, results[i], 25, dimension);
        }
    }

    [Fact]
    public void Tied_scores_split_over_parallel_workers_keep_the_smallest_ids()
    {
        // Three distinct vectors repeated over 70k rows (two workers sharing thresholds): every hit is a tie,
        // so only the total order (score desc, id asc) decides which rows come back.
        const int n = 70_000;
        const int dimension = 16;
        var distinct = RetrievalReference.RandomVectors(3, dimension, seed: 31);
        var vectors = new float[n * dimension];
        for (var r = 0; r < n; r++)
        {
            distinct.AsSpan((r * 7 % 3) * dimension, dimension).CopyTo(vectors.AsSpan(r * dimension));
        }

        var ids = RetrievalReference.Ids(n);
        var snapshot = RetrievalReference.Build(ids, vectors, dimension, VectorPrecision.Fp32).Snapshot;
        var queries = RetrievalReference.RandomVectors(8, dimension, seed: 32);
        Assert.True(ExactTopK.Partitions(snapshot) > 1 || Environment.ProcessorCount == 1);

        var results = ExactTopK.TopKBatch(snapshot, queries, 50);

        for (var i = 0; i < queries.Length / dimension; i++)
        {
            var expected = RetrievalReference.Rank(ids, vectors, queries.AsSpan(i * dimension, dimension), VectorPrecision.Fp32);
            Assert.Equal(expected.Take(50).Select(h => h.Id), results[i].Select(h => h.Id));
        }
    }

    [Fact]
    public void Packed_queries_are_dimension_major_in_groups_of_six_with_zero_padding()
    {
        const int stride = 16;
        const int batch = 7;
        var queries = (float*)NativeMemory.AlignedAlloc(batch * stride * sizeof(float), ItemSegment.Alignment);
        var floats = BatchKernel.Groups(batch) * BatchKernel.QueryGroup * stride;
        var packed = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), ItemSegment.Alignment);
        try
        {
            for (var i = 0; i < batch * stride; i++)
            {
                queries[i] = i + 1;
            }

            new Span<float>(packed, floats).Fill(float.NaN);
            BatchKernel.PackQueries(queries, batch, stride, packed);

            Assert.Equal(2, BatchKernel.Groups(batch));
            Assert.Equal(queries[(3 * stride) + 5], packed[(5 * BatchKernel.QueryGroup) + 3]);
            Assert.Equal(queries[(6 * stride) + 2], packed[((stride + 2) * BatchKernel.QueryGroup) + 0]);
            Assert.Equal(0f, packed[((stride + 2) * BatchKernel.QueryGroup) + 1]);
            Assert.DoesNotContain(new Span<float>(packed, floats).ToArray(), float.IsNaN);
        }
        finally
        {
            NativeMemory.AlignedFree(queries);
            NativeMemory.AlignedFree(packed);
        }
    }
}
