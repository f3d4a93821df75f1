using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

/// <summary>
/// The OpenBLAS reference of svctl bench rank (benchmark code): a reference that answered wrongly would make
/// its rate meaningless. Needs Debian's libopenblas.so.0, which test.sh installs.
/// </summary>
public sealed class BlasTopKTests
{
    [Theory]
    [InlineData(100_000, 64, 1)]
    [InlineData(100_000, 100, 1)]
    [InlineData(5000, 100, 13)]
    [InlineData(100_000, 64, 13)]
    public void The_BLAS_reference_returns_the_exact_ranking_of_every_query(int n, int dimension, int batch)
    {
        Assert.True(BlasTopK.TryPrepare(OpenBlas.DefaultLibrary, VectorPrecision.Fp32, out var reason), reason);
        var ids = RetrievalReference.Ids(n);
        var vectors = RetrievalReference.RandomVectors(n, dimension, seed: n + dimension);
        var matrix = RetrievalReference.Build(ids, vectors, dimension, VectorPrecision.Fp32);
        var queries = RetrievalReference.RandomVectors(batch, dimension, seed: 5);

        var results = BlasTopK.TopK(matrix.Snapshot, queries, 10);

        Assert.Equal(batch, results.Length);
        for (var i = 0; i < batch; i++)
        {
            var expected = RetrievalReference.Rank(ids, vectors, queries.AsSpan(i * dimension, dimension), VectorPrecision.Fp32);
            RetrievalReference.AssertMatches(expected, results[i], 10, dimension);
        }
    }

    [Fact]
    public void The_BLAS_reference_runs_on_the_fused_scans_partitions_with_one_BLAS_thread_each()
    {
        Assert.True(BlasTopK.TryPrepare(OpenBlas.DefaultLibrary, VectorPrecision.Fp32, out var reason), reason);
        var matrix = RetrievalReference.Build(RetrievalReference.Ids(100_000), RetrievalReference.RandomVectors(100_000, 64, seed: 1), 64, VectorPrecision.Fp32);

        var description = BlasTopK.Describe(matrix.Snapshot, batch: 1);

        Assert.StartsWith("OpenBLAS ", description, StringComparison.Ordinal);
        Assert.EndsWith($"cblas_sgemv per segment + k-heap, 1 BLAS thread on each of {ExactTopK.Partitions(matrix.Snapshot)} workers", description, StringComparison.Ordinal);
        Assert.Contains("cblas_sgemm", BlasTopK.Describe(matrix.Snapshot, batch: 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Fp16_rows_and_a_missing_library_are_refused_with_the_reason()
    {
        Assert.False(BlasTopK.TryPrepare(OpenBlas.DefaultLibrary, VectorPrecision.Fp16, out var fp16));
        Assert.Equal("fp16 rows; cblas_sgemv reads fp32", fp16);
        Assert.False(BlasTopK.TryPrepare("/nonexistent/libopenblas.so.0", VectorPrecision.Fp32, out var missing));
        Assert.Equal("/nonexistent/libopenblas.so.0 not found; apt-get install libopenblas0", missing);
    }
}
