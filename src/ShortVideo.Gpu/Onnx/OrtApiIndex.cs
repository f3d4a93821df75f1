namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// Positions in ONNX Runtime's OrtApi function table (struct OrtApi in onnxruntime_c_api.h) of the entries
/// this binding calls. The table only ever grows at its end, so these positions hold for every runtime that
/// hands out the table version we ask for.
/// </summary>
/// <remarks>
/// Counted entry by entry from the header (microsoft/onnxruntime, include/onnxruntime/core/session/
/// onnxruntime_c_api.h, the ORT_API_VERSION 13 layout, whose first 119 entries later versions keep as they
/// are), and each checked by a test that would fail or crash on a wrong one: names, element types and
/// shapes read back, runs, errors and metadata all compare with what the model writer wrote. A wrong index
/// calls another function with the wrong arguments: add an entry here only with its neighbours counted.
/// </remarks>
internal static class OrtApiIndex
{
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnv = 3;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetIntraOpNumThreads = 24;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputTypeInfo = 33;
    public const int SessionGetOutputTypeInfo = 34;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;
    public const int CastTypeInfoToTensorInfo = 55;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetSymbolicDimensions = 63;
    public const int GetTensorTypeAndShape = 65;
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseStatus = 93;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTypeInfo = 98;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;
    public const int SessionGetModelMetadata = 111;
    public const int ModelMetadataLookupCustomMetadataMap = 116;
    public const int ReleaseModelMetadata = 118;
}
