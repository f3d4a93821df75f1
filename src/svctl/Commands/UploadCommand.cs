using System.CommandLine;
using System.Text.Json;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Commands;

internal static class UploadCommand
{
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;

    // The shell's code for "ended by SIGINT"; scripts can tell an interruption from a failure.
    private const int ExitInterrupted = 130;

    public static Command Create() => Create(static options => options, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Tests pass <paramref name="configure"/> to shrink retry delays and move the resume state, and
    /// <paramref name="environment"/> so SV_TOKEN of the machine running them does not leak in.
    /// </summary>
    internal static Command Create(Func<TusUploadOptions, TusUploadOptions> configure, Func<string, string?> environment)
    {
        // Optional to the parser so a missing FILE is our one-line error, not a usage dump.
        var file = new Argument<string>("file") { Description = "The video file to upload.", Arity = ArgumentArity.ZeroOrOne };
        var server = new Option<string>("--server")
        {
            Description = "Server URL (tus endpoint /api/v1/uploads), or a full tus endpoint URL.",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var token = new Option<string?>("--token") { Description = "Bearer token; defaults to $SV_TOKEN." };
        var caption = new Option<string?>("--caption") { Description = "Caption of the video." };
        var chunkSize = new Option<string>("--chunk-size")
        {
            Description = "Bytes per PATCH, e.g. 512KiB, 5MiB, 1GiB.",
            DefaultValueFactory = _ => "5MiB",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the result instead of the video id." };

        var command = new Command("upload", "Upload a video (resumable: run it again after an interruption).");
        command.Arguments.Add(file);
        command.Options.Add(server);
        command.Options.Add(token);
        command.Options.Add(caption);
        command.Options.Add(chunkSize);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file) ?? string.Empty;

            var problem = SourceFile.Check(path);
            if (problem is not null)
            {
                return Fail(error, problem, ExitUsage);
            }

            if (!ByteSize.TryParseChunkSize(parseResult.GetValue(chunkSize), out var chunkBytes, out var chunkError))
            {
                return Fail(error, chunkError, ExitUsage);
            }

            if (!TusEndpoint.TryResolve(parseResult.GetValue(server), out var endpoint, out var serverError))
            {
                return Fail(error, serverError, ExitUsage);
            }

            var bearer = parseResult.GetValue(token);
            if (string.IsNullOrWhiteSpace(bearer))
            {
                bearer = environment("SV_TOKEN");
            }

            if (string.IsNullOrWhiteSpace(bearer))
            {
                return Fail(error, "no token: pass --token or set SV_TOKEN (mint one with: svctl token --user NAME)", ExitUsage);
            }

            var options = configure(new TusUploadOptions
            {
                Endpoint = endpoint,
                Token = bearer.Trim(),
                Caption = parseResult.GetValue(caption),
                ChunkSize = chunkBytes,
            });
            var asJson = parseResult.GetValue(json);
            UploadResult result;
            try
            {
                result = await UploadConsole.RunAsync(options, path, asJson, error, ct);
            }
            catch (UploadFailedException ex)
            {
                return Fail(error, ex.Message, ExitFailed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                error.WriteLine("interrupted; run the same command again to resume");
                return ExitInterrupted;
            }

            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(result, UploadJsonContext.Default.UploadResult));
            }
            else if (result.VideoId is not null)
            {
                output.WriteLine(result.VideoId);
            }
            else
            {
                // A generic tus server names no video; the upload URL is the only handle there is.
                error.WriteLine("the server sent no Video-Id; printing the upload URL instead");
                output.WriteLine(result.UploadUrl);
            }

            return 0;
        });
        return command;
    }

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine($"svctl upload: {message}");
        return exitCode;
    }
}
