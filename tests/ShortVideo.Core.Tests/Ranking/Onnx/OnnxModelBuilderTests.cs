using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Core.Tests.Ranking.Onnx;

public sealed class OnnxModelBuilderTests
{
    [Fact]
    public void The_file_starts_with_ir_version_8()
    {
        var bytes = Identity().ToArray();

        Assert.Equal([0x08, 0x08], bytes[..2]);
    }

    [Fact]
    public void Saving_writes_the_same_bytes_as_to_array()
    {
        var path = Path.Combine(Path.GetTempPath(), $"shortvideo-{Guid.NewGuid():N}.onnx");
        try
        {
            Identity().Save(path);

            Assert.Equal(Identity().ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_node_reading_a_value_nothing_defines_is_an_argument_exception_naming_it()
    {
        var model = new OnnxModelBuilder("g").Input("x", OnnxElementType.Float, OnnxDimension.Fixed(1));

        var error = Assert.Throws<ArgumentException>(() => model.Node("Add", ["x", "y"], ["z"]));

        Assert.StartsWith("The Add node reads 'y', which no input, initializer or earlier node defines.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_defined_twice_is_an_argument_exception()
    {
        var model = new OnnxModelBuilder("g").Input("x", OnnxElementType.Float, OnnxDimension.Fixed(1));

        var error = Assert.Throws<ArgumentException>(() => model.Node("Relu", ["x"], ["x"]));

        Assert.StartsWith("The graph already defines a value named 'x' (adding it as Relu node output).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_initializer_whose_values_do_not_fill_its_shape_is_an_argument_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").Initializer("w", [2, 3], new float[5]));

        Assert.StartsWith("Initializer 'w' of shape [2, 3] needs 6 values but has 5.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_zeros_count_towards_an_initializers_shape()
    {
        new OnnxModelBuilder("g").Initializer("w", [2, 3], new float[3], leadingZeros: 3);
    }

    [Fact]
    public void An_output_no_node_produces_fails_when_the_model_is_written()
    {
        var model = new OnnxModelBuilder("g")
            .Input("x", OnnxElementType.Float, OnnxDimension.Fixed(1))
            .Output("y", OnnxElementType.Float, OnnxDimension.Fixed(1));

        var error = Assert.Throws<InvalidOperationException>(model.ToArray);

        Assert.Equal("The graph output 'y' is produced by no node.", error.Message);
    }

    [Fact]
    public void A_metadata_key_given_twice_is_an_argument_exception()
    {
        var model = Identity().Metadata("k", "1");

        Assert.Throws<ArgumentException>(() => model.Metadata("k", "2"));
    }

    [Fact]
    public void Dimensions_are_fixed_and_at_least_zero_or_named()
    {
        Assert.Equal("N", OnnxDimension.Symbolic("N").ToString());
        Assert.Equal("3", OnnxDimension.Fixed(3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDimension.Fixed(-1));
        Assert.Throws<ArgumentException>(() => OnnxDimension.Symbolic(string.Empty));
    }

    private static OnnxModelBuilder Identity() =>
        new OnnxModelBuilder("identity")
            .Input("x", OnnxElementType.Float, OnnxDimension.Symbolic("N"))
            .Output("y", OnnxElementType.Float, OnnxDimension.Symbolic("N"))
            .Node("Identity", ["x"], ["y"]);
}
