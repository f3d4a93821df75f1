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

        using var session = OnnxSession.Create(OnnxRuntimeLibrary.Runtime, model, intraOpThreads: 1);

        Assert.Equal(["rows", "mask"], session.Inputs.Select(i => i.Name));
        Assert.Equal([OnnxElementType.Int64, OnnxElementType.Float], session.Inputs.Select(i => i.ElementType));
        Assert.Equal("[N]", session.Inputs[0].ShapeText());
        Assert.Equal([-1L, 3], session.Inputs[1].Shape);
        Assert.Equal(["N", string.Empty], session.Inputs[1].DimensionNames);
        Assert.Equal(["vectors", "mask_copy"], session.Outputs.Select(o => o.Name));
        Assert.Equal("[N, 2]", session.Outputs[0].ShapeText());
        Assert.Equal("written by OnnxModelBuilder", session.Metadata("shortvideo.note"));
        Assert.Null(session.Metadata("no.such.key"));
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
        using var session = OnnxSession.Create(OnnxRuntimeLibrary.Runtime, model, intraOpThreads: 1);
        var vectors = new float[8];

        var shape = session.Run([OnnxTensor.Int64(new long[] { 3, 0, 1, 2 }, 4)], 0, vectors);

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
        using var session = OnnxSession.Create(OnnxRuntimeLibrary.Runtime, model, intraOpThreads: 1);
        var y = new float[3];

        session.Run([OnnxTensor.Float(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3)], 0, y);

        // Columns of x: (1, -4), (-2, 5), (3, -6); negatives halved, then summed.
        Assert.Equal([1 - 2f, -1 + 5f, 3 - 3f], y);
    }

    [Fact]
    public void Bytes_that_are_no_model_fail_with_the_runtimes_own_message()
    {
        var garbage = new byte[512];
        new Random(7).NextBytes(garbage);

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Create(OnnxRuntimeLibrary.Runtime, garbage, intraOpThreads: 1));

        Assert.NotEqual(0, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_run_with_the_wrong_input_type_fails_with_the_runtimes_message_and_the_session_stays_usable()
    {
        using var session = OnnxSession.Create(OnnxRuntimeLibrary.Runtime, RerankerModels.RowSum(3), intraOpThreads: 1);
        var sums = new float[1];

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([OnnxTensor.Int64(new long[] { 1, 2, 3 }, 1, 3)], 0, sums));
        session.Run([OnnxTensor.Float(new float[] { 1, 2, 3 }, 1, 3)], 0, sums);

        Assert.Contains("tensor(float)", error.Message, StringComparison.Ordinal);
        Assert.Equal(6f, sums[0]);
    }

    [Fact]
    public void The_runtime_is_loaded_once_per_library_path_and_reports_its_version()
    {
        var again = OnnxRuntime.TryLoad(OnnxRuntimeLibrary.Path, out var problem);

        Assert.Null(problem);
        Assert.Same(OnnxRuntimeLibrary.Runtime, again);
        Assert.Equal("1.30.0", again!.Version);
    }

    [Fact]
    public void A_library_path_where_nothing_is_installed_is_a_sentence_naming_the_path_and_what_to_install()
    {
        const string Missing = "/opt/nowhere/libonnxruntime.so.1";

        var runtime = OnnxRuntime.TryLoad(Missing, out var problem);

        Assert.Null(runtime);
        Assert.Equal($"The ONNX Runtime library was not found at {Missing}: {OnnxRuntime.InstallHint}.", problem);
    }

    [Fact]
    public void A_library_that_is_not_onnx_runtime_is_a_sentence_not_a_crash()
    {
        var runtime = OnnxRuntime.TryLoad("libc.so.6", out var problem);

        Assert.Null(runtime);
        Assert.Equal("The ONNX Runtime library libc.so.6 cannot be used: libc.so.6 has no OrtGetApiBase export (is it the ONNX Runtime library?).", problem);
    }
}
