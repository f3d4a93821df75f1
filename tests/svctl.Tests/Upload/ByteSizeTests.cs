using ShortVideo.Cli.Upload;

namespace svctl.Tests.Upload;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("5MiB", 5L * 1024 * 1024)]
    [InlineData("512KiB", 512L * 1024)]
    [InlineData("1GiB", 1024L * 1024 * 1024)]
    [InlineData("1048576", 1048576L)]
    [InlineData("8mib", 8L * 1024 * 1024)]
    [InlineData(" 2 MiB ", 2L * 1024 * 1024)]
    [InlineData("100B", 100L)]
    public void Sizes_with_binary_units_parse_to_bytes(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("MiB")]
    [InlineData("-5MiB")]
    [InlineData("1.5MiB")]
    [InlineData("5MB")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999GiB")]
    public void Text_that_is_not_a_size_does_not_parse(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("2GiB")]
    [InlineData("1073741825")]
    public void A_chunk_size_of_zero_garbage_or_over_1_GiB_is_refused_with_a_sentence(string text)
    {
        Assert.False(ByteSize.TryParseChunkSize(text, out _, out var error));
        Assert.Contains("invalid chunk size", error);
    }

    [Fact]
    public void A_chunk_size_of_exactly_1_GiB_is_accepted()
    {
        Assert.True(ByteSize.TryParseChunkSize("1GiB", out var bytes, out _));
        Assert.Equal(1 << 30, bytes);
    }

    [Theory]
    [InlineData(512L, "512 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024, "5.0 MiB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3.0 GiB")]
    public void Sizes_format_with_the_largest_fitting_unit(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }
}
