using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Core.Tests.Ranking.Reranking;

public sealed class RerankerOptionsTests
{
    [Fact]
    public void The_defaults_keep_retrieval_order_on_one_cpu_thread()
    {
        var options = new RerankerOptions();

        options.Validate();

        Assert.Equal(RerankerProvider.None, options.Provider);
        Assert.Equal(1, options.IntraOpThreads);
        Assert.Equal(RerankerExecutionProvider.Cpu, options.ExecutionProvider);
        Assert.Equal("Ranking:Reranker", RerankerOptions.SectionName);
    }

    [Fact]
    public void Onnx_without_a_model_path_is_a_sentence_naming_both_settings()
    {
        var error = Assert.Throws<ArgumentException>(() => new RerankerOptions { Provider = RerankerProvider.Onnx }.Validate());

        Assert.StartsWith("Ranking:Reranker:Provider is Onnx but Ranking:Reranker:ModelPath is not set: name the .onnx model file.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_one_thread_is_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RerankerOptions { IntraOpThreads = 0 }.Validate());
    }

    [Fact]
    public void An_undefined_provider_is_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RerankerOptions { Provider = (RerankerProvider)7 }.Validate());
    }

    [Fact]
    public void An_undefined_execution_provider_is_out_of_range_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RerankerOptions { ExecutionProvider = (RerankerExecutionProvider)7 }.Validate());

        Assert.StartsWith("Ranking:Reranker:ExecutionProvider must be Cpu or Cuda.", error.Message, StringComparison.Ordinal);
    }
}
