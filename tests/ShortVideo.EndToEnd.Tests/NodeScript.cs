using System.Diagnostics;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>Runs a script from tools/node with Node.js and parses the JSON line it prints.</summary>
internal static class NodeScript
{
    public static async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        NodeModules.Require("tus-js-client");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "node", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        var output = (await stdout).Trim();
        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await stderr}{output}");
        return JsonDocument.Parse(output.Split('\n')[^1]).RootElement;
    }
}
