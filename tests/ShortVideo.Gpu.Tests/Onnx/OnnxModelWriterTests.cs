using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Models from our own ONNX writer, read back by the real ONNX Runtime.</summary>
public sealed class OnnxModelWriterTests
{
    [Fact]
    public void A_model_we_write_loads_and_the_runtime_reports_the_names_types_and_shapes_we_wrote()
    {
        var model = new OnnxModelBuilder("round_trip")
            .Input("rows", OnnxElementType.Int64, OnnxDimension.Symbolic("N"))
            .Input("mask", OnnxElementType.Float, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(3))
            .Output("vectors", OnnxElementType.Float, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(2))
            .Output("mask_copy", OnnxElementType.Float, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(3))
            .Initializer("table", [4, 2], new float[] { 1, 2, 3, 4, 5, 6 }, leadingZeros: 2)
            .Node("Gather", ["table", "rows"], ["vectors"])
            .Node("Identity", ["mask"], ["mask_copy"])
            .Metadata("shortvideo.note", "written by OnnxModelBuilder")
            .ToArray();

        using var session = new InferenceSession(model);

        Assert.Equal(["rows", "mask"], session.InputNames);
        Assert.Equal([TensorElementType.Int64, TensorElementType.Float], session.InputNames.Select(name => session.InputMetadata[name].ElementDataType));
        Assert.Equal("[N]", NodeMetadataText.Shape(session.InputMetadata["rows"]));
        Assert.Equal([-1, 3], session.InputMetadata["mask"].Dimensions);
        Assert.Equal(["N", string.Empty], session.InputMetadata["mask"].SymbolicDimensions);
        Assert.Equal(["vectors", "mask_copy"], session.OutputNames);
        Assert.Equal("[N, 2]", NodeMetadataText.Shape(session.OutputMetadata["vectors"]));
        Assert.Equal("written by OnnxModelBuilder", ModelRuns.Metadata(session, "shortvideo.note"));
        Assert.Null(ModelRuns.Metadata(session, "no.such.key"));
    }

    [Fact]
    public void Initializer_values_reach_the_runtime_little_endian_after_their_leading_zero_rows()
    {
        var model = new OnnxModelBuilder("gather")
            .Input("rows", OnnxElementType.Int64, OnnxDimension.Symbolic("N"))
            .Output("vectors", OnnxElementType.Float, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(2))
            .Initializer("table", [4, 2], new float[] { 1, 2, 3, 4, 5, 6 }, leadingZeros: 2)
            .Node("Gather", ["table", "rows"], ["vectors"])
            .ToArray();
        using var session = new InferenceSession(model);

        var vectors = ModelRuns.FirstOutput(session, out var shape, ModelRuns.Int64([3, 0, 1, 2], 4));

        Assert.Equal([4L, 2], shape);
        Assert.Equal([5f, 6, 0, 0, 1, 2, 3, 4], vectors);
    }

    [Fact]
    public void Int_float_and_ints_attributes_reach_the_runtime()
    {
        // Transpose(perm = [1, 0]) takes an ints attribute, LeakyRelu(alpha) a float, ReduceSum(keepdims) an int.
        var model = new OnnxModelBuilder("attributes")
            .Input("x", OnnxElementType.Float, OnnxDimension.Fixed(2), OnnxDimension.Fixed(3))
            .Output("y", OnnxElementType.Float, OnnxDimension.Fixed(3), OnnxDimension.Fixed(1))
            .Initializer("axis", [1], new long[] { 1 })
            .Node("Transpose", ["x"], ["transposed"], OnnxAttribute.Ints("perm", 1, 0))
            .Node("LeakyRelu", ["transposed"], ["leaky"], OnnxAttribute.Float("alpha", 0.5f))
            .Node("ReduceSum", ["leaky", "axis"], ["y"], OnnxAttribute.Int("keepdims", 1))
            .ToArray();
        using var session = new InferenceSession(model);

        var y = ModelRuns.FirstOutput(session, ModelRuns.Float([1, -2, 3, -4, 5, -6], 2, 3));

        // Columns of x: (1, -4), (-2, 5), (3, -6); negatives halved, then summed.
        Assert.Equal([1 - 2f, -1 + 5f, 3 - 3f], y);
    }

    [Fact]
    public void Bytes_that_are_no_model_fail_with_the_runtimes_own_message()
    {
        var garbage = new byte[512];
        new Random(7).NextBytes(garbage);

        var error = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(garbage));

        // ONNX Runtime's C# exception carries the native error code in its message, as "[ErrorCode:Name] ".
        Assert.StartsWith("[ErrorCode:InvalidProtobuf] ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_the_wrong_input_type_fails_with_the_runtimes_message_and_the_session_stays_usable()
    {
        using var session = new InferenceSession(RerankerModels.RowSum(3));

        var error = Assert.Throws<OnnxRuntimeException>(() => ModelRuns.FirstOutput(session, ModelRuns.Int64([1, 2, 3], 1, 3)));
        var sums = ModelRuns.FirstOutput(session, ModelRuns.Float([1, 2, 3], 1, 3));

        Assert.Contains("tensor(float)", error.Message, StringComparison.Ordinal);
        Assert.Equal(6f, sums[0]);
    }

    [Fact]
    public void The_runtime_is_the_packages_1_32_0_and_its_native_library_loads()
    {
        Assert.Null(OnnxRuntimeEnvironment.Problem);
        Assert.Equal("1.32.0", OnnxRuntimeEnvironment.Version);
    }
}
