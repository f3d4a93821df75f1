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
        var options = Onnx(RerankerModels.RowSum(11), OnnxRuntimeLibrary.Path);

        using var reranker = Assert.IsType<OnnxReranker>(RerankerSelector.Create(options, dimension: 4, _log));

        var line = Assert.Single(_log.Lines);
        Assert.Equal($"Information: Re-ranking with ONNX model {options.ModelPath} on ONNX Runtime 1.30.0 (embedding dimension 4)", line);
    }

    [Fact]
    public void Provider_onnx_without_the_native_library_falls_back_to_retrieval_order_with_one_warning_saying_what_to_install()
    {
        var library = _dir.File("libonnxruntime.so.1");
        var options = Onnx(RerankerModels.RowSum(11), library);

        var reranker = RerankerSelector.Create(options, dimension: 4, _log);

        Assert.Same(RetrievalOrderReranker.Instance, reranker);
        var line = Assert.Single(_log.Lines);
        Assert.Equal(
            $"Warning: The ONNX Runtime library was not found at {library}: {OnnxRuntime.InstallHint}. Feeds are ranked in retrieval order until it is installed.",
            line);
    }

    [Fact]
    public void Provider_onnx_with_a_model_of_the_wrong_shape_fails_instead_of_falling_back()
    {
        var options = Onnx(RerankerModels.RowSum(10), OnnxRuntimeLibrary.Path);

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
                o.OnnxRuntimeLibraryPath = OnnxRuntimeLibrary.Path;
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
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ranking:Reranker:Provider"] = "Onnx",
            ["Ranking:Reranker:ModelPath"] = Save(RerankerModels.RowSum(7)),
            ["Ranking:Reranker:OnnxRuntimeLibraryPath"] = OnnxRuntimeLibrary.Path,
        });
        builder.Services.Configure<RerankerOptions>(builder.Configuration.GetSection(RerankerOptions.SectionName));
        builder.Services.Configure<Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 2);
        builder.Services.AddShortVideo().AddReranker();
        using var host = builder.Build();
        await host.StartAsync();

        var reranker = host.Services.GetRequiredService<IReranker>();
        var scores = new float[1];
        reranker.Score(new RerankBatch(2, new float[] { 1, 1 }, new long[] { 5 }, new float[] { 1, 1 }, new float[] { 1 }, new float[] { 1 }, new float[] { 0 }), scores);

        Assert.Equal("Onnx:ranker.onnx", reranker.Name);
        Assert.Equal(6f, scores[0]);
        await host.StopAsync();
    }

    private string Save(byte[] model)
    {
        var path = _dir.File("ranker.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    private RerankerOptions Onnx(byte[] model, string library) => new()
    {
        Provider = RerankerProvider.Onnx,
        ModelPath = Save(model),
        OnnxRuntimeLibraryPath = library,
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
