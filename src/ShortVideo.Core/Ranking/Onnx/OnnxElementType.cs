namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// Tensor element types the models here use. Values are onnx.proto's TensorProto.DataType, which ONNX
/// Runtime's ONNXTensorElementDataType copies, so one enum serves the writer and the runtime binding.
/// </summary>
internal enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    Int64 = 7,
}
