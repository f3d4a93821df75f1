using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ShortVideo.Gpu.Onnx;

/// <summary>A model input or output as the re-ranker's sentences name it: "float", "[N, 131]".</summary>
internal static class NodeMetadataText
{
    /// <summary>True for a dimension chosen per run (a symbolic name such as N, or -1).</summary>
    public static bool IsDynamic(NodeMetadata value, int axis)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Dimensions[axis] < 0;
    }

    /// <summary>"[N, 131]": names where the model gives them, -1 for an unnamed dynamic dimension.</summary>
    public static string Shape(NodeMetadata value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new string[value.Dimensions.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var symbol = value.SymbolicDimensions[i];
            parts[i] = string.IsNullOrEmpty(symbol) ? value.Dimensions[i].ToString(CultureInfo.InvariantCulture) : symbol;
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>"float", "int64", "no tensor" for a sequence or map, or the element type's name.</summary>
    public static string ElementType(NodeMetadata value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !value.IsTensor ? "no tensor" : ElementType(value.ElementDataType);
    }

    /// <summary>"float", "int64", or the element type's name.</summary>
    public static string ElementType(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float",
        TensorElementType.Int64 => "int64",
        _ => "element type " + type,
    };
}
