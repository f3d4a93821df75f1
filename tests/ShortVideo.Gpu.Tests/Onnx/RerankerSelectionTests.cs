using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Tests.Onnx;

public sealed class RerankerSelectionTests : IDisposable
{
    /// <summary>Why CUDA cannot run here, whatever the machine: the test project ships ONNX Runtime's CPU build.</summary>
    private const string CudaFallbackWarning =
        "Warning: Ranking:Reranker:ExecutionProvider is Cuda, but this application ships a build of ONNX Runtime 1.32.0 without it " +
        "(execution providers: CPUExecutionProvider): reference Microsoft.ML.OnnxRuntime.Gpu.Linux instead of Microsoft.ML.OnnxRuntime. The re-ranker runs on the CPU.";

    private readonly TempDirectory _dir = new();
    private readonly LineLogger _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Provider_none_keeps_retrieval_order_and_logs_nothing()
    {
        var reranker = RerankerSelector.Create(new RerankerOptions(), dimension: 4, _log);
        var scores = new float[3];

        reranker.Score(RerankBatches.Random(4, 3, seed: 2), scores);

        Assert.Equal("RetrievalOrder", reranker.Name);
        Assert.Equal(RerankBatches.Random(4, 3, seed: 2).RetrievalScores.ToArray(), scores);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void Provider_onnx_with_a_model_that_fits_scores_with_the_model_and_logs_one_line()
    {
        var options = Onnx(RerankerModels.RowSum(11));

        using var reranker = Assert.IsType<OnnxReranker>(RerankerSelector.Create(options, dimension: 4, _log));

        var line = Assert.Single(_log.Lines);
        Assert.Equal($"Information: Re-ranking with ONNX model {options.ModelPath} on ONNX Runtime 1.32.0 (Cpu, embedding dimension 4)", line);
    }

    [Fact]
    public void Provider_onnx_without_the_native_library_falls_back_to_retrieval_order_with_one_warning_saying_what_to_install()
    {
        var path = Save(RerankerModels.RowSum(11));

        var lines = WithoutNativeOnnxRuntime.SelectReranker(_dir.Path, path, dimension: 4);

        Assert.Equal(
            [
                "Warning: ONNX Runtime's native library could not be loaded (Unable to load shared library 'onnxruntime' or one of its dependencies): " +
                    $"{OnnxRuntimeEnvironment.InstallHint}. Feeds are ranked in retrieval order until it is installed.",
                "Reranker: RetrievalOrder",
            ],
            lines);
    }

    [Fact]
    public void Execution_provider_cuda_where_cuda_cannot_run_logs_one_warning_saying_why_and_scores_correctly_on_the_cpu()
    {
        var mlp = new RerankerModels.Mlp(dimension: 8, hidden: 16, seed: 3);
        var options = Onnx(mlp.ToOnnx());
        options.ExecutionProvider = RerankerExecutionProvider.Cuda;
        var batch = RerankBatches.Random(dimension: 8, count: 40, seed: 11);
        var scores = new float[batch.Count];

        using var reranker = Assert.IsType<OnnxReranker>(RerankerSelector.Create(options, dimension: 8, _log));
        reranker.Score(batch, scores);

        Assert.Equal(
            [
                CudaFallbackWarning,
                $"Information: Re-ranking with ONNX model {options.ModelPath} on ONNX Runtime 1.32.0 (Cpu, embedding dimension 8)",
            ],
            _log.Lines);
        var expected = mlp.Scores(batch);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - scores[i]) <= 1e-4f * Math.Max(1, Math.Abs(expected[i])), $"candidate {i}: managed {expected[i]}, ONNX {scores[i]}");
        }
    }

    [Fact]
    public void Provider_onnx_with_a_model_of_the_wrong_shape_fails_instead_of_falling_back()
    {
        var options = Onnx(RerankerModels.RowSum(10));

        var error = Assert.Throws<RerankerException>(() => RerankerSelector.Create(options, dimension: 64, _log));

        Assert.EndsWith("model input 'features' has 10 columns; the re-ranker feeds 131 (2 x dimension 64 + 3).", error.Message, StringComparison.Ordinal);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task A_host_with_a_misfit_model_fails_to_start_with_the_sentence()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddShortVideo()
            .AddReranker(o =>
            {
                o.Provider = RerankerProvider.Onnx;
                o.ModelPath = Save(RerankerModels.RowSum(10));
            });
        builder.Services.Configure<Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 64);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<RerankerException>(() => host.StartAsync());

        Assert.EndsWith("model input 'features' has 10 columns; the re-ranker feeds 131 (2 x dimension 64 + 3).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_configured_for_onnx_without_a_model_path_fails_to_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddShortVideo().AddReranker(o => o.Provider = RerankerProvider.Onnx);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Ranking:Reranker:Provider is Onnx but Ranking:Reranker:ModelPath is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_configured_for_onnx_from_configuration_scores_with_the_model()
    {
        using var log = new ListLoggerProvider();
        using var host = await StartHost(
            new()
            {
                ["Ranking:Reranker:Provider"] = "Onnx",
                ["Ranking:Reranker:ModelPath"] = Save(RerankerModels.RowSum(7)),
            },
            log);

        var reranker = host.Services.GetRequiredService<IReranker>();

        Assert.Equal("Onnx:ranker.onnx", reranker.Name);
        Assert.Equal(6f, ScoreOneCandidate(reranker));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_host_configured_for_cuda_from_configuration_runs_the_model_on_the_cpu_after_one_warning()
    {
        using var log = new ListLoggerProvider();
        using var host = await StartHost(
            new()
            {
                ["Ranking:Reranker:Provider"] = "Onnx",
                ["Ranking:Reranker:ModelPath"] = Save(RerankerModels.RowSum(7)),
                ["Ranking:Reranker:ExecutionProvider"] = "Cuda",
            },
            log);

        var score = ScoreOneCandidate(host.Services.GetRequiredService<IReranker>());

        Assert.Equal(RerankerExecutionProvider.Cuda, host.Services.GetRequiredService<IOptions<RerankerOptions>>().Value.ExecutionProvider);
        var warning = Assert.Single(log.Lines, line => line.Level == LogLevel.Warning);
        Assert.Equal(CudaFallbackWarning, $"{warning.Level}: {warning.Message}");
        Assert.Equal(6f, score);
        await host.StopAsync();
    }

    /// <summary>A started host whose re-ranker reads <paramref name="settings"/>, for embedding dimension 2, logging to <paramref name="log"/>.</summary>
    private static async Task<IHost> StartHost(Dictionary<string, string?> settings, ListLoggerProvider log)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.Configure<RerankerOptions>(builder.Configuration.GetSection(RerankerOptions.SectionName));
        builder.Services.Configure<Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 2);
        builder.Services.AddShortVideo().AddReranker();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>One candidate of dimension 2 whose features sum to 6: user (1, 1), candidate (1, 1), retrieval score 1, age 1 hour, no impressions.</summary>
    private static float ScoreOneCandidate(IReranker reranker)
    {
        var scores = new float[1];
        reranker.Score(new RerankBatch(2, new float[] { 1, 1 }, new long[] { 5 }, new float[] { 1, 1 }, new float[] { 1 }, new float[] { 1 }, new float[] { 0 }), scores);
        return scores[0];
    }

    private string Save(byte[] model)
    {
        var path = _dir.File("ranker.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    private RerankerOptions Onnx(byte[] model) => new()
    {
        Provider = RerankerProvider.Onnx,
        ModelPath = Save(model),
    };

    /// <summary>Keeps each log line as "Level: message".</summary>
    private sealed class LineLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
