namespace ShortVideo.Ranking.Onnx;

/// <summary>A node attribute: an int, a float or a list of ints (all the operators used here need).</summary>
internal readonly record struct OnnxAttribute
{
    // AttributeProto.AttributeType values from onnx.proto.
    internal const int FloatType = 1;
    internal const int IntType = 2;
    internal const int IntsType = 7;

    private OnnxAttribute(string name, int type, long value, float number, long[]? values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        IntValue = value;
        FloatValue = number;
        IntsValue = values;
    }

    public string Name { get; }

    /// <summary>AttributeProto.AttributeType.</summary>
    public int Type { get; }

    public long IntValue { get; }

    public float FloatValue { get; }

    public long[]? IntsValue { get; }

    public static OnnxAttribute Int(string name, long value) => new(name, IntType, value, 0, null);

    public static OnnxAttribute Float(string name, float value) => new(name, FloatType, 0, value, null);

    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, IntsType, 0, 0, values);
    }
}
