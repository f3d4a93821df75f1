using System.Globalization;

namespace ShortVideo.Ranking.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size, or a named size chosen per run ("N").</summary>
internal readonly record struct OnnxDimension
{
    private OnnxDimension(long size, string? name)
    {
        Size = size;
        Name = name;
    }

    /// <summary>The fixed size; -1 for a named dimension.</summary>
    public long Size { get; }

    /// <summary>The symbolic name, or null for a fixed size.</summary>
    public string? Name { get; }

    public static OnnxDimension Fixed(long size) =>
        size >= 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "A fixed dimension is at least 0.");

    public static OnnxDimension Symbolic(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("A symbolic dimension needs a name.", nameof(name)) : new(-1, name);

    public override string ToString() => Name ?? Size.ToString(CultureInfo.InvariantCulture);
}
