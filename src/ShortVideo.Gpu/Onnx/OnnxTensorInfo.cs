using System.Globalization;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Onnx;

/// <summary>A model input or output as the runtime reports it.</summary>
/// <param name="Name">The value's name in the graph.</param>
/// <param name="ElementType">Element type; <see cref="OnnxElementType.Undefined"/> for a non-tensor value.</param>
/// <param name="Shape">Dimensions; -1 for one chosen per run.</param>
/// <param name="DimensionNames">The symbolic name of each dimension ("N"), or an empty string.</param>
internal sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, long[] Shape, string[] DimensionNames)
{
    /// <summary>True for a dimension chosen per run (symbolic or -1).</summary>
    public bool IsDynamic(int axis) => Shape[axis] < 0;

    /// <summary>"[N, 131]": names where the model gives them, -1 for an unnamed dynamic dimension.</summary>
    public string ShapeText()
    {
        var parts = new string[Shape.Length];
        for (var i = 0; i < Shape.Length; i++)
        {
            parts[i] = DimensionNames[i].Length > 0 ? DimensionNames[i] : Shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>"float", "int64", or the ONNX element type number.</summary>
    public static string TypeText(OnnxElementType type) => type switch
    {
        OnnxElementType.Float => "float",
        OnnxElementType.Int64 => "int64",
        OnnxElementType.Undefined => "no tensor",
        _ => "element type " + ((int)type).ToString(CultureInfo.InvariantCulture),
    };
}
