using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

public sealed class UploadMetadataTests
{
    [Fact]
    public void Pairs_are_decoded_and_a_key_without_value_is_null()
    {
        var parsed = UploadMetadata.Parse("filename Y2F0Lm1wNA==,caption aMOpbGxv,is_draft", 4096);
        Assert.Equal("cat.mp4", parsed["filename"]);
        Assert.Equal("héllo", parsed["caption"]);
        Assert.Null(parsed["is_draft"]);
    }

    [Theory]
    [InlineData("filename !!notbase64")]
    [InlineData("filename Y2F0L")]
    [InlineData("filename Y2F0Lm1wNA==,filename Y2F0Lm1wNA==")]
    [InlineData("filename Y2F0Lm1wNA==,,caption eA==")]
    [InlineData("fïle Y2F0Lm1wNA==")]
    [InlineData("filename /w==")]
    public void Malformed_metadata_is_refused(string header)
    {
        var error = Assert.Throws<UploadException>(() => UploadMetadata.Parse(header, 4096));
        Assert.Equal(UploadError.InvalidMetadata, error.Error);
    }

    [Fact]
    public void Oversized_metadata_is_refused()
    {
        var error = Assert.Throws<UploadException>(() => UploadMetadata.Parse("caption " + Convert.ToBase64String(new byte[3000]), 1024));
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("..", null)]
    [InlineData("clip\u0000.mp4", "clip.mp4")]
    [InlineData("holiday.mov", "holiday.mov")]
    public void File_names_are_reduced_to_a_display_name(string input, string? expected)
    {
        Assert.Equal(expected, UploadMetadata.SafeFileName(input));
    }
}
