using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>
/// An application that ships no ONNX Runtime native build, for real: this test assembly run again as a
/// program from a copy of bin without libonnxruntime* (and a deps.json that lists none). A copy, not links:
/// the host resolves links and would find the library beside the originals. A separate process because a
/// process that has loaded the native library (every test process here) keeps it.
/// </summary>
internal static class WithoutNativeOnnxRuntime
{
    public const string Command = "select-reranker-without-native-onnxruntime";

    /// <summary>
    /// Runs <see cref="RerankerSelector.Create"/> for an ONNX model in that process and returns what it
    /// printed: each log line as "Level: message", then "Reranker: name".
    /// </summary>
    /// <param name="directory">An empty directory for the child's copy of bin: every file but libonnxruntime*.</param>
    /// <param name="modelPath">The .onnx model the options name.</param>
    /// <param name="dimension">The embedding dimension the model is loaded for.</param>
    public static string[] SelectReranker(string directory, string modelPath, int dimension)
    {
        var bin = AppContext.BaseDirectory;
        var assembly = typeof(WithoutNativeOnnxRuntime).Assembly.GetName().Name!;
        foreach (var file in Directory.EnumerateFiles(bin, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(bin, file);
            if (!Path.GetFileName(file).StartsWith("libonnxruntime", StringComparison.Ordinal) && !relative.EndsWith(".deps.json", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(directory, relative))!);
                File.Copy(file, Path.Combine(directory, relative));
            }
        }

        File.WriteAllText(Path.Combine(directory, assembly + ".deps.json"), WithoutOnnxRuntimeNatives(File.ReadAllText(Path.Combine(bin, assembly + ".deps.json"))));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", Path.Combine(directory, assembly + ".dll"), Command, modelPath, dimension.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the child process did not exit within a minute");
        Assert.True(process.ExitCode == 0, $"the child process exited {process.ExitCode}: {output}{error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The child's side: the selector with a logger that prints, for <see cref="SelectReranker"/>.</summary>
    public static int Run(string[] args)
    {
        using var log = new ListLoggerProvider();
        var options = new RerankerOptions { Provider = RerankerProvider.Onnx, ModelPath = args[0] };
        var reranker = RerankerSelector.Create(options, int.Parse(args[1], CultureInfo.InvariantCulture), log.CreateLogger("child"));
        foreach (var (level, message) in log.Lines)
        {
            Console.WriteLine($"{level}: {message}");
        }

        Console.WriteLine("Reranker: " + reranker.Name);
        return 0;
    }

    /// <summary>The deps.json with every ONNX Runtime native file taken out of every package's runtime targets.</summary>
    private static string WithoutOnnxRuntimeNatives(string depsJson)
    {
        var root = JsonNode.Parse(depsJson)!;
        foreach (var (_, target) in root["targets"]!.AsObject())
        {
            foreach (var (_, package) in target!.AsObject())
            {
                if (package?["runtimeTargets"] is JsonObject files)
                {
                    foreach (var file in files.Select(f => f.Key).Where(f => f.Contains("onnxruntime", StringComparison.Ordinal)).ToArray())
                    {
                        files.Remove(file);
                    }
                }
            }
        }

        return root.ToJsonString();
    }
}
