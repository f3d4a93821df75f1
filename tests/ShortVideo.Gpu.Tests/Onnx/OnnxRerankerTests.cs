using Microsoft.ML.OnnxRuntime;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Tests.Onnx;

public sealed class OnnxRerankerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_small_mlp_scores_like_the_same_weights_computed_in_managed_code_and_ranks_in_the_same_order()
    {
        var mlp = new RerankerModels.Mlp(dimension: 8, hidden: 16, seed: 3);
        using var reranker = Load(mlp.ToOnnx(), dimension: 8);
        var batch = RerankBatches.Random(dimension: 8, count: 40, seed: 11);
        var scores = new float[batch.Count];

        reranker.Score(batch, scores);

        var expected = mlp.Scores(batch);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - scores[i]) <= 1e-4f * Math.Max(1, Math.Abs(expected[i])), $"candidate {i}: managed {expected[i]}, ONNX {scores[i]}");
        }

        Assert.Equal(Ranking(expected), Ranking(scores));
        Assert.Equal("Onnx:ranker.onnx", reranker.Name);
    }

    [Fact]
    public void Scores_follow_the_feature_layout_user_candidate_retrieval_log_impressions_age()
    {
        // The row sum of 2 x 2 + 3 columns: user (1, 2), candidate, retrieval score, ln(1 + impressions), age.
        using var reranker = Load(RerankerModels.RowSum(7), dimension: 2);
        var batch = new RerankBatch(2, new float[] { 1, 2 }, new long[] { 7, 8 }, new float[] { 10, 20, 30, 40 }, new float[] { 0.5f, -0.5f }, new float[] { 3, 0 }, new float[] { 0, MathF.E - 1 });
        var scores = new float[2];

        reranker.Score(batch, scores);

        Assert.Equal(1 + 2 + 10 + 20 + 0.5f + 0 + 3, scores[0], 5);
        Assert.Equal(1 + 2 + 30 + 40 - 0.5f + 1 + 0, scores[1], 5);
    }

    [Fact]
    public void Concurrent_scoring_from_several_threads_gives_each_caller_its_own_correct_scores()
    {
        var mlp = new RerankerModels.Mlp(dimension: 8, hidden: 16, seed: 5);
        using var reranker = Load(mlp.ToOnnx(), dimension: 8);
        var batches = Enumerable.Range(0, 8).Select(seed => RerankBatches.Random(8, 10 + seed, seed)).ToArray();
        var expected = batches.Select(b =>
        {
            var scores = new float[b.Count];
            reranker.Score(b, scores);
            return scores;
        }).ToArray();

        var mismatches = 0;
        var threads = Enumerable.Range(0, batches.Length).Select(t => new Thread(() =>
        {
            var scores = new float[batches[t].Count];
            for (var round = 0; round < 200; round++)
            {
                reranker.Score(batches[t], scores);
                if (!scores.AsSpan().SequenceEqual(expected[t]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void An_empty_batch_is_scored_without_running_the_model()
    {
        using var reranker = Load(RerankerModels.RowSum(7), dimension: 2);

        reranker.Score(new RerankBatch(2, new float[2], Array.Empty<long>(), Array.Empty<float>(), Array.Empty<float>(), Array.Empty<float>(), Array.Empty<float>()), Span<float>.Empty);
    }

    [Fact]
    public void A_model_with_the_wrong_number_of_input_columns_fails_at_load_saying_what_the_reranker_feeds()
    {
        var path = Save(RerankerModels.RowSum(10));

        var error = Assert.Throws<RerankerException>(() => OnnxReranker.Load(path, dimension: 64));

        Assert.Equal($"The re-ranker model {path} does not fit: model input 'features' has 10 columns; the re-ranker feeds 131 (2 x dimension 64 + 3).", error.Message);
    }

    [Fact]
    public void A_model_with_two_scores_per_candidate_fails_at_load_saying_what_the_reranker_reads()
    {
        var path = Save(RerankerModels.TwoScoresPerRow(11));

        var error = Assert.Throws<RerankerException>(() => OnnxReranker.Load(path, dimension: 4));

        Assert.Equal($"The re-ranker model {path} does not fit: model output 'score' has shape [N, 2]; the re-ranker reads one score per candidate: [N] or [N, 1].", error.Message);
    }

    [Fact]
    public void A_model_with_a_fixed_batch_size_fails_at_load_because_candidate_counts_vary()
    {
        var path = Save(RerankerModels.FixedBatch(32, 11));

        var error = Assert.Throws<RerankerException>(() => OnnxReranker.Load(path, dimension: 4));

        Assert.Equal(
            $"The re-ranker model {path} does not fit: model input 'features' has a fixed batch of 32 rows; its first dimension must be chosen per run (a name such as N, or -1), as the number of candidates changes with every request.",
            error.Message);
    }

    [Theory]
    [InlineData("Log", float.NaN)]
    [InlineData("Reciprocal", float.PositiveInfinity)]
    public void A_model_that_outputs_nan_or_infinity_is_a_reranker_exception_and_no_score_is_left_behind(string op, float produced)
    {
        using var reranker = Load(RerankerModels.NonFinite(11, op), dimension: 4);
        var batch = RerankBatches.Random(4, 3, seed: 1);
        var scores = new float[] { 9, 9, 9 };

        var error = Assert.Throws<RerankerException>(() => reranker.Score(batch, scores));

        Assert.Equal(
            $"The re-ranker model {_dir.File("ranker.onnx")} scored candidate 1000 (row 0) as {produced.ToString(System.Globalization.CultureInfo.InvariantCulture)}; scores that are not finite numbers are rejected, never used.",
            error.Message);
        Assert.Equal([0f, 0, 0], scores);
    }

    [Fact]
    public void A_corrupt_model_file_fails_at_load_with_the_runtimes_message()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        var path = Save(garbage);

        var error = Assert.Throws<RerankerException>(() => OnnxReranker.Load(path, dimension: 4));

        var runtimeError = Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.Equal($"The re-ranker model {path} could not be loaded by ONNX Runtime 1.32.0: {runtimeError.Message}", error.Message);
        Assert.Contains("protobuf", runtimeError.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_model_path_with_no_file_fails_at_load_naming_the_path()
    {
        var path = _dir.File("missing.onnx");

        var error = Assert.Throws<RerankerException>(() => OnnxReranker.Load(path, dimension: 4));

        Assert.StartsWith($"The re-ranker model {path} cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_another_dimension_is_an_argument_exception_and_the_model_is_not_run()
    {
        using var reranker = Load(RerankerModels.RowSum(11), dimension: 4);
        var batch = RerankBatches.Random(dimension: 5, count: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => reranker.Score(batch, new float[2]));

        Assert.StartsWith("The batch's vectors have dimension 5; the model Onnx:ranker.onnx was loaded for dimension 4.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scores_span_of_the_wrong_length_is_an_argument_exception()
    {
        using var reranker = Load(RerankerModels.RowSum(11), dimension: 4);

        var error = Assert.Throws<ArgumentException>(() => reranker.Score(RerankBatches.Random(4, 3, 1), new float[2]));

        Assert.StartsWith("The scores span has 2 elements but the batch has 3 candidates.", error.Message, StringComparison.Ordinal);
    }

    private static int[] Ranking(float[] scores) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();

    private string Save(byte[] model)
    {
        var path = _dir.File("ranker.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    private OnnxReranker Load(byte[] model, int dimension) =>
        OnnxReranker.Load(Save(model), dimension);
}
