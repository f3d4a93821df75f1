namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// The OrtApi entries this binding calls, read from the table by position. Every entry that can fail
/// returns an OrtStatus* (null for success); C enums are 32-bit ints; size_t is nuint.
/// </summary>
internal sealed unsafe partial class OnnxRuntime
{
    private delegate* unmanaged<IntPtr, int> _getErrorCode;
    private delegate* unmanaged<IntPtr, byte*> _getErrorMessage;
    private delegate* unmanaged<int, byte*, IntPtr*, IntPtr> _createEnv;
    private delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> _createSessionFromArray;
    private delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> _run;
    private delegate* unmanaged<IntPtr*, IntPtr> _createSessionOptions;
    private delegate* unmanaged<IntPtr, int, IntPtr> _setIntraOpNumThreads;
    private delegate* unmanaged<IntPtr, nuint*, IntPtr> _sessionGetInputCount;
    private delegate* unmanaged<IntPtr, nuint*, IntPtr> _sessionGetOutputCount;
    private delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> _sessionGetInputTypeInfo;
    private delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> _sessionGetOutputTypeInfo;
    private delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> _sessionGetInputName;
    private delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> _sessionGetOutputName;
    private delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> _createTensorWithDataAsOrtValue;
    private delegate* unmanaged<IntPtr, void**, IntPtr> _getTensorMutableData;
    private delegate* unmanaged<IntPtr, IntPtr*, IntPtr> _castTypeInfoToTensorInfo;
    private delegate* unmanaged<IntPtr, int*, IntPtr> _getTensorElementType;
    private delegate* unmanaged<IntPtr, nuint*, IntPtr> _getDimensionsCount;
    private delegate* unmanaged<IntPtr, long*, nuint, IntPtr> _getDimensions;
    private delegate* unmanaged<IntPtr, byte**, nuint, IntPtr> _getSymbolicDimensions;
    private delegate* unmanaged<IntPtr, IntPtr*, IntPtr> _getTensorTypeAndShape;
    private delegate* unmanaged<int, int, IntPtr*, IntPtr> _createCpuMemoryInfo;
    private delegate* unmanaged<IntPtr, void*, IntPtr> _allocatorFree;
    private delegate* unmanaged<IntPtr*, IntPtr> _getAllocatorWithDefaultOptions;
    private delegate* unmanaged<IntPtr, void> _releaseStatus;
    private delegate* unmanaged<IntPtr, void> _releaseSession;
    private delegate* unmanaged<IntPtr, void> _releaseValue;
    private delegate* unmanaged<IntPtr, void> _releaseTypeInfo;
    private delegate* unmanaged<IntPtr, void> _releaseTensorTypeAndShapeInfo;
    private delegate* unmanaged<IntPtr, void> _releaseSessionOptions;
    private delegate* unmanaged<IntPtr, IntPtr*, IntPtr> _sessionGetModelMetadata;
    private delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr> _modelMetadataLookupCustomMetadataMap;
    private delegate* unmanaged<IntPtr, void> _releaseModelMetadata;

    private void Bind(IntPtr* api)
    {
        _getErrorCode = (delegate* unmanaged<IntPtr, int>)api[OrtApiIndex.GetErrorCode];
        _getErrorMessage = (delegate* unmanaged<IntPtr, byte*>)api[OrtApiIndex.GetErrorMessage];
        _createEnv = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)api[OrtApiIndex.CreateEnv];
        _createSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)api[OrtApiIndex.CreateSessionFromArray];
        _run = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr>)api[OrtApiIndex.Run];
        _createSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)api[OrtApiIndex.CreateSessionOptions];
        _setIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)api[OrtApiIndex.SetIntraOpNumThreads];
        _sessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)api[OrtApiIndex.SessionGetInputCount];
        _sessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)api[OrtApiIndex.SessionGetOutputCount];
        _sessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)api[OrtApiIndex.SessionGetInputTypeInfo];
        _sessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)api[OrtApiIndex.SessionGetOutputTypeInfo];
        _sessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)api[OrtApiIndex.SessionGetInputName];
        _sessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)api[OrtApiIndex.SessionGetOutputName];
        _createTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)api[OrtApiIndex.CreateTensorWithDataAsOrtValue];
        _getTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)api[OrtApiIndex.GetTensorMutableData];
        _castTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)api[OrtApiIndex.CastTypeInfoToTensorInfo];
        _getTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)api[OrtApiIndex.GetTensorElementType];
        _getDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)api[OrtApiIndex.GetDimensionsCount];
        _getDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)api[OrtApiIndex.GetDimensions];
        _getSymbolicDimensions = (delegate* unmanaged<IntPtr, byte**, nuint, IntPtr>)api[OrtApiIndex.GetSymbolicDimensions];
        _getTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)api[OrtApiIndex.GetTensorTypeAndShape];
        _createCpuMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)api[OrtApiIndex.CreateCpuMemoryInfo];
        _allocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)api[OrtApiIndex.AllocatorFree];
        _getAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)api[OrtApiIndex.GetAllocatorWithDefaultOptions];
        _releaseStatus = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseStatus];
        _releaseSession = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseSession];
        _releaseValue = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseValue];
        _releaseTypeInfo = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseTypeInfo];
        _releaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseTensorTypeAndShapeInfo];
        _releaseSessionOptions = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseSessionOptions];
        _sessionGetModelMetadata = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)api[OrtApiIndex.SessionGetModelMetadata];
        _modelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr>)api[OrtApiIndex.ModelMetadataLookupCustomMetadataMap];
        _releaseModelMetadata = (delegate* unmanaged<IntPtr, void>)api[OrtApiIndex.ReleaseModelMetadata];
    }
}
