namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// Tensor element types the models written here use. Values are onnx.proto's TensorProto.DataType, as
/// the file format stores them (ONNX Runtime's TensorElementType has the same numbers).
/// </summary>
internal enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    Int64 = 7,
}
