using System.CommandLine;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchUploadCommand
{
    // The payload is one array; arrays stop just under 2 GiB.
    private const int MaxSizeMiB = 2000;
    private const int MaxParallel = 256;

    public static Command Create()
    {
        var parallel = new Option<int>("--parallel") { Description = "Concurrent uploads.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "MiB per upload.", DefaultValueFactory = _ => 64 };
        var chunkSize = new Option<string>("--chunk-size") { Description = "Bytes per PATCH, e.g. 8MiB.", DefaultValueFactory = _ => "8MiB" };
        var checksum = new Option<bool>("--checksum") { Description = "Send Upload-Checksum: sha256 with every chunk." };
        var peer = new Option<string?>("--peer") { Description = "Run the same workload against a reference server: tus-node." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };
        var server = new Option<string?>("--server") { Description = "Measure this tus endpoint instead of starting a node.", Hidden = true };
        var token = new Option<string?>("--token") { Description = "Bearer token for --server; defaults to $SV_TOKEN.", Hidden = true };

        var command = new Command("upload", "Measure tus upload throughput and PATCH latency over loopback against the disk's ceiling.");
        command.Options.Add(parallel);
        command.Options.Add(size);
        command.Options.Add(chunkSize);
        command.Options.Add(checksum);
        command.Options.Add(peer);
        command.Options.Add(json);
        command.Options.Add(server);
        command.Options.Add(token);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;

            var problem = Validate(parseResult.GetValue(parallel), parseResult.GetValue(size), parseResult.GetValue(peer));
            if (problem is not null)
            {
                return Fail(error, problem, BenchInvocation.ExitUsage);
            }

            if (!ByteSize.TryParseChunkSize(parseResult.GetValue(chunkSize), out var chunkBytes, out var chunkError))
            {
                return Fail(error, chunkError, BenchInvocation.ExitUsage);
            }

            Uri? endpoint = null;
            if (parseResult.GetValue(server) is { } serverText && !TusEndpoint.TryResolve(serverText, out endpoint, out var serverError))
            {
                return Fail(error, serverError, BenchInvocation.ExitUsage);
            }

            var settings = new BenchUploadSettings
            {
                Parallel = parseResult.GetValue(parallel),
                SizeMiB = parseResult.GetValue(size),
                ChunkSize = chunkBytes,
                Checksums = parseResult.GetValue(checksum),
                Peer = parseResult.GetValue(peer) is not null,
                Server = endpoint,
                Token = parseResult.GetValue(token) ?? Environment.GetEnvironmentVariable("SV_TOKEN"),
            };
            return await BenchInvocation.RunAsync(
                "upload",
                (status, cancel) => BenchUploadRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchUploadReport,
                BenchUploadSummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }

    private static string? Validate(int parallel, int sizeMiB, string? peer)
    {
        if (parallel is < 1 or > MaxParallel)
        {
            return $"--parallel must be between 1 and {MaxParallel}";
        }

        if (sizeMiB is < 1 or > MaxSizeMiB)
        {
            return $"--size must be between 1 and {MaxSizeMiB} MiB";
        }

        if (peer is not null && peer != "tus-node")
        {
            return $"unknown peer '{peer}': the only peer is tus-node";
        }

        if (peer is not null && (NodeTools.FindDirectory() is not { } tools || !Directory.Exists(Path.Combine(tools, "node_modules", "@tus", "server"))))
        {
            // Checked before anything runs, so a missing peer costs no minutes of measuring first.
            return $"the tus-node peer needs node and tools/node/node_modules: {NodeTools.MissingHint}";
        }

        return null;
    }

    private static int Fail(TextWriter error, string message, int exitCode) => BenchInvocation.Fail(error, "upload", message, exitCode);
}
