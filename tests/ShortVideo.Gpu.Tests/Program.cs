using ShortVideo.Gpu.Tests.Onnx;

namespace ShortVideo.Gpu.Tests;

/// <summary>
/// The test assembly's entry point, in place of the empty one Microsoft.NET.Test.Sdk generates: test runners
/// never call it, and <see cref="WithoutNativeOnnxRuntime"/> runs this assembly as a program in a child process.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) =>
        args is [WithoutNativeOnnxRuntime.Command, .. var rest] ? WithoutNativeOnnxRuntime.Run(rest) : 0;
}
