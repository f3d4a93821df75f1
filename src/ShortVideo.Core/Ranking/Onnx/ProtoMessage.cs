using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// A protobuf message assembled field by field, then written in one pass. Only what ONNX files need:
/// varints, fixed32 floats, strings, little-endian arrays as one bytes field, and nested messages.
/// </summary>
/// <remarks>
/// Core takes no protobuf package (it is BCL plus abstractions), and ONNX needs a dozen message shapes, so
/// a generated-code dependency would cost more than these hundred lines. Arrays are referenced, not
/// copied, so a model holding embedding tables costs no second copy of them until it is written; every
/// nested message is measured before it is written because its length prefix comes first.
/// </remarks>
internal sealed class ProtoMessage
{
    /// <summary>protobuf's own ceiling, which ONNX Runtime enforces on a model file.</summary>
    public const long MaxBytes = int.MaxValue;

    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    private static readonly byte[] Zeros = new byte[4096];

    private readonly List<Field> _fields = [];
    private long _size;

    private enum Kind
    {
        Varint,
        Fixed32,
        Bytes,
        Floats,
        Int64s,
        Message,
    }

    /// <summary>An int64/int32/enum/bool field; negative numbers take ten bytes, as protobuf encodes them.</summary>
    public ProtoMessage Varint(int number, long value) => Add(new Field(number, Kind.Varint) { Value = value });

    /// <summary>A float field (wire type fixed32).</summary>
    public ProtoMessage Float(int number, float value) =>
        Add(new Field(number, Kind.Fixed32) { Value = BitConverter.SingleToInt32Bits(value) });

    /// <summary>A string field, UTF-8.</summary>
    public ProtoMessage String(int number, string value) =>
        Add(new Field(number, Kind.Bytes) { Bytes = Encoding.UTF8.GetBytes(value) });

    /// <summary>A bytes field holding <paramref name="leadingZeros"/> zero floats, then the values, little-endian.</summary>
    public ProtoMessage Floats(int number, ReadOnlyMemory<float> values, long leadingZeros = 0) =>
        Add(new Field(number, Kind.Floats) { Floats = values, Value = leadingZeros });

    /// <summary>A bytes field holding the values as little-endian int64.</summary>
    public ProtoMessage Int64s(int number, ReadOnlyMemory<long> values) =>
        Add(new Field(number, Kind.Int64s) { Int64s = values });

    /// <summary>A nested message field.</summary>
    public ProtoMessage Message(int number, ProtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Add(new Field(number, Kind.Message) { Nested = message });
    }

    /// <summary>The encoded message.</summary>
    public byte[] ToArray()
    {
        var size = Measure();
        var bytes = new byte[size];
        using (var stream = new MemoryStream(bytes))
        {
            Write(stream);
        }

        return bytes;
    }

    /// <summary>Writes the encoded message to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Measure();
        Write(stream);
    }

    /// <summary>Bytes a varint of <paramref name="value"/> takes.</summary>
    internal static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        Span<byte> buffer = stackalloc byte[10];
        var length = 0;
        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[length++] = (byte)value;
        stream.Write(buffer[..length]);
    }

    /// <summary>Writes the values' bytes in little-endian order, as ONNX raw_data requires, whatever the machine's order.</summary>
    private static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(bytes);
            return;
        }

        var size = Unsafe.SizeOf<T>();
        Span<byte> element = stackalloc byte[size];
        for (var i = 0; i < bytes.Length; i += size)
        {
            bytes.Slice(i, size).CopyTo(element);
            element.Reverse();
            stream.Write(element);
        }
    }

    private ProtoMessage Add(Field field)
    {
        if (field.Number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field.Number, "Protobuf field numbers start at 1.");
        }

        _fields.Add(field);
        return this;
    }

    /// <summary>Sizes this message and, first, every nested one (each is measured once per call).</summary>
    private long Measure()
    {
        long size = 0;
        foreach (var field in _fields)
        {
            var tag = VarintSize((ulong)field.Number << 3);
            if (field.Kind == Kind.Varint)
            {
                size += tag + VarintSize((ulong)field.Value);
            }
            else if (field.Kind == Kind.Fixed32)
            {
                size += tag + 4;
            }
            else
            {
                var payload = field.Kind == Kind.Message ? field.Nested!.Measure() : PayloadSize(field);
                size += tag + VarintSize((ulong)payload) + payload;
            }
        }

        if (size > MaxBytes)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"The message would take {size} bytes; protobuf (and so an ONNX file) holds at most 2 GiB."));
        }

        _size = size;
        return size;
    }

    /// <summary>Length of a length-delimited field's payload; a nested message's as last measured.</summary>
    private static long PayloadSize(in Field field) => field.Kind switch
    {
        Kind.Bytes => field.Bytes.Length,
        Kind.Floats => (field.Value + field.Floats.Length) * sizeof(float),
        Kind.Int64s => (long)field.Int64s.Length * sizeof(long),
        _ => field.Nested!._size,
    };

    private void Write(Stream stream)
    {
        Span<byte> bits = stackalloc byte[4];
        foreach (var field in _fields)
        {
            var wire = field.Kind switch
            {
                Kind.Varint => VarintWire,
                Kind.Fixed32 => Fixed32Wire,
                _ => LengthDelimitedWire,
            };
            WriteVarint(stream, ((ulong)field.Number << 3) | (uint)wire);
            switch (field.Kind)
            {
                case Kind.Varint:
                    WriteVarint(stream, (ulong)field.Value);
                    break;
                case Kind.Fixed32:
                    BinaryPrimitives.WriteInt32LittleEndian(bits, (int)field.Value);
                    stream.Write(bits);
                    break;
                case Kind.Bytes:
                    WriteVarint(stream, (ulong)field.Bytes.Length);
                    stream.Write(field.Bytes.Span);
                    break;
                case Kind.Floats:
                    WriteVarint(stream, (ulong)PayloadSize(field));
                    for (var zeros = field.Value * sizeof(float); zeros > 0; zeros -= Zeros.Length)
                    {
                        stream.Write(Zeros, 0, (int)Math.Min(zeros, Zeros.Length));
                    }

                    WriteLittleEndian(stream, field.Floats.Span);
                    break;
                case Kind.Int64s:
                    WriteVarint(stream, (ulong)PayloadSize(field));
                    WriteLittleEndian(stream, field.Int64s.Span);
                    break;
                default:
                    WriteVarint(stream, (ulong)PayloadSize(field));
                    field.Nested!.Write(stream);
                    break;
            }
        }
    }

    private readonly record struct Field(int Number, Kind Kind)
    {
        public long Value { get; init; }

        public ReadOnlyMemory<byte> Bytes { get; init; }

        public ReadOnlyMemory<float> Floats { get; init; }

        public ReadOnlyMemory<long> Int64s { get; init; }

        public ProtoMessage? Nested { get; init; }
    }
}
