using System.Buffers.Text;
using System.Text;
using ShortVideo.Catalog;

namespace ShortVideo.Core.Tests.Catalog;

public sealed class VideoListCursorTests
{
    [Fact]
    public void A_cursor_survives_its_opaque_string_with_millisecond_time_and_the_id()
    {
        var cursor = new VideoListCursor(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero), "k3J_x-9");

        Assert.True(VideoListCursor.TryParse(cursor.Encode(), out var parsed));

        Assert.Equal(cursor, parsed);
        Assert.DoesNotContain("k3J", cursor.Encode(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("!!!!")]
    [InlineData("%00")]
    [InlineData("djE")]
    public void Garbage_is_not_a_cursor(string text) => Assert.False(VideoListCursor.TryParse(text, out _));

    [Theory]
    [InlineData("v2.1000.abc")]
    [InlineData("v1.-5.abc")]
    [InlineData("v1.+5.abc")]
    [InlineData("v1.1e3.abc")]
    [InlineData("v1.99999999999999999999.abc")]
    [InlineData("v1.1000.")]
    [InlineData("v1.1000")]
    [InlineData("v1.1000.a\u0001b")]
    public void A_well_encoded_string_in_another_format_is_not_a_cursor(string inner) =>
        Assert.False(VideoListCursor.TryParse(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(inner)), out _));

    [Fact]
    public void Invalid_utf8_and_oversized_strings_are_not_cursors()
    {
        Assert.False(VideoListCursor.TryParse(Base64Url.EncodeToString([0x76, 0x31, 0x2e, 0x31, 0x2e, 0xff, 0xfe]), out _));
        Assert.False(VideoListCursor.TryParse(new string('A', VideoListCursor.MaxEncodedLength + 1), out _));
        Assert.False(VideoListCursor.TryParse(Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1.1." + new string('x', 129))), out _));
    }
}
