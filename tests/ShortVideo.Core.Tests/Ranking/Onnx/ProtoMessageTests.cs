using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Core.Tests.Ranking.Onnx;

/// <summary>Byte-exact encodings, the first three from the protobuf encoding guide's own examples.</summary>
public sealed class ProtoMessageTests
{
    [Fact]
    public void A_varint_field_is_its_tag_then_seven_bits_a_byte_low_bits_first()
    {
        Assert.Equal([0x08, 0x96, 0x01], new ProtoMessage().Varint(1, 150).ToArray());
    }

    [Fact]
    public void A_string_field_is_its_tag_its_length_and_its_utf8_bytes()
    {
        Assert.Equal([0x12, 0x07, .."testing"u8.ToArray()], new ProtoMessage().String(2, "testing").ToArray());
    }

    [Fact]
    public void A_nested_message_is_length_prefixed()
    {
        var message = new ProtoMessage().Message(3, new ProtoMessage().Varint(1, 150));

        Assert.Equal([0x1a, 0x03, 0x08, 0x96, 0x01], message.ToArray());
    }

    [Fact]
    public void A_negative_int64_takes_ten_bytes()
    {
        Assert.Equal([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], new ProtoMessage().Varint(1, -1).ToArray());
    }

    [Fact]
    public void A_float_field_is_fixed32_little_endian()
    {
        Assert.Equal([0x15, 0x00, 0x00, 0x80, 0x3f], new ProtoMessage().Float(2, 1f).ToArray());
    }

    [Fact]
    public void Float_arrays_are_raw_little_endian_bytes_after_their_leading_zeros()
    {
        var message = new ProtoMessage().Floats(9, new float[] { 1f }, leadingZeros: 1);

        Assert.Equal([0x4a, 0x08, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x3f], message.ToArray());
    }

    [Fact]
    public void Int64_arrays_are_raw_little_endian_bytes()
    {
        var message = new ProtoMessage().Int64s(9, new long[] { 1, -2 });

        Assert.Equal([0x4a, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], message.ToArray());
    }

    [Fact]
    public void Field_numbers_from_sixteen_take_a_two_byte_tag()
    {
        Assert.Equal([0xa0, 0x01, 0x05], new ProtoMessage().Varint(20, 5).ToArray());
    }

    [Fact]
    public void Writing_to_a_stream_gives_the_same_bytes_and_a_nested_message_can_be_written_twice()
    {
        var inner = new ProtoMessage().String(1, "x");
        var message = new ProtoMessage().Message(2, inner).Message(3, inner);
        using var stream = new MemoryStream();

        message.WriteTo(stream);

        Assert.Equal([0x12, 0x03, 0x0a, 0x01, (byte)'x', 0x1a, 0x03, 0x0a, 0x01, (byte)'x'], stream.ToArray());
        Assert.Equal(stream.ToArray(), message.ToArray());
    }

    [Fact]
    public void Field_number_zero_does_not_exist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtoMessage().Varint(0, 1));
    }

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(16_383UL, 2)]
    [InlineData(16_384UL, 3)]
    [InlineData(ulong.MaxValue, 10)]
    public void Varint_sizes_grow_by_a_byte_every_seven_bits(ulong value, int bytes)
    {
        Assert.Equal(bytes, ProtoMessage.VarintSize(value));
    }
}
