using ShortVideo.Gpu.Onnx;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>
/// The real ONNX Runtime library, installed by ./test.sh in tools/onnxruntime (npm, --ignore-scripts).
/// A test that needs it fails with a sentence when it is missing, never skips: these tests need no GPU.
/// </summary>
internal static class OnnxRuntimeLibrary
{
    private const string RelativePath = "tools/onnxruntime/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1";

    private static readonly Lazy<string> LazyPath = new(Find);
    private static readonly Lazy<OnnxRuntime> LazyRuntime = new(Load);

    public static string Path => LazyPath.Value;

    public static OnnxRuntime Runtime => LazyRuntime.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ShortVideoSdk.sln")))
            {
                throw new InvalidOperationException(
                    $"The ONNX Runtime library is not installed at {candidate}: run ./test.sh (it runs npm ci --ignore-scripts in tools/onnxruntime).");
            }
        }

        throw new InvalidOperationException($"No ShortVideoSdk.sln above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }

    private static OnnxRuntime Load() =>
        OnnxRuntime.TryLoad(Path, out var problem) ?? throw new InvalidOperationException(problem);
}
