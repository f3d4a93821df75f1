using System.CommandLine;
using System.Text.Json;
using ShortVideo.Cli.Commands.Videos;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Commands;

internal static class UploadCommand
{
    private const string Name = "upload";

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
            DefaultValueFactory = _ => NodeConnectionOptions.DefaultServer,
        };
        var token = new Option<string?>("--token") { Description = "Bearer token; defaults to $SV_TOKEN." };
        var caption = new Option<string?>("--caption") { Description = "Caption of the video." };
        var visibility = new Option<string?>("--visibility") { Description = "public (the default) or private: only you can see a private video." };
        var makePrivate = new Option<bool>("--private") { Description = "Same as --visibility private." };
        var chunkSize = new Option<string>("--chunk-size")
        {
            Description = "Bytes per PATCH, e.g. 512KiB, 5MiB, 1GiB.",
            DefaultValueFactory = _ => "5MiB",
        };
        var wait = new Option<bool>("--wait") { Description = "Then wait for processing: print the HLS URL when ready, or why it failed (exit 1)." };
        var timeout = VideosWaitCommand.TimeoutOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the result instead of the video id." };

        var command = new Command("upload", "Upload a video (resumable: run it again after an interruption).");
        command.Arguments.Add(file);
        command.Options.Add(server);
        command.Options.Add(token);
        command.Options.Add(caption);
        command.Options.Add(visibility);
        command.Options.Add(makePrivate);
        command.Options.Add(chunkSize);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file) ?? string.Empty;

            var problem = SourceFile.Check(path);
            if (problem is not null)
            {
                return Fail(error, problem, ExitCodes.Usage);
            }

            if (!ByteSize.TryParseChunkSize(parseResult.GetValue(chunkSize), out var chunkBytes, out var chunkError))
            {
                return Fail(error, chunkError, ExitCodes.Usage);
            }

            if (!TryReadVisibility(parseResult.GetValue(visibility), parseResult.GetValue(makePrivate), out var chosenVisibility, out var visibilityError))
            {
                return Fail(error, visibilityError, ExitCodes.Usage);
            }

            if (!TusEndpoint.TryResolve(parseResult.GetValue(server), out var endpoint, out var serverError))
            {
                return Fail(error, serverError, ExitCodes.Usage);
            }

            var waitFor = parseResult.GetValue(wait) ? VideosWaitCommand.ReadTimeout(parseResult, timeout, Name) : null;
            if (parseResult.GetValue(wait) && waitFor is null)
            {
                return ExitCodes.Usage;
            }

            var bearer = BearerToken.Resolve(parseResult.GetValue(token), environment);
            if (bearer is null)
            {
                return Fail(error, BearerToken.Missing, ExitCodes.Usage);
            }

            var options = configure(new TusUploadOptions
            {
                Endpoint = endpoint,
                Token = bearer,
                Caption = parseResult.GetValue(caption),
                Visibility = chosenVisibility,
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
                return Fail(error, ex.Message, ExitCodes.Failed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                error.WriteLine("interrupted; run the same command again to resume");
                return ExitCodes.Interrupted;
            }

            if (result.VideoId is null)
            {
                // A generic tus server names no video; the upload URL is the only handle there is.
                if (asJson)
                {
                    output.WriteLine(JsonSerializer.Serialize(result, UploadJsonContext.Default.UploadResult));
                }
                else
                {
                    error.WriteLine("the server sent no Video-Id; printing the upload URL instead");
                    output.WriteLine(result.UploadUrl);
                }

                return waitFor is null ? ExitCodes.Ok : Fail(error, "--wait: the server sent no Video-Id, so there is no video to wait for", ExitCodes.Failed);
            }

            return await UploadFollowUp.RunAsync(result, options, waitFor, asJson, output, error, ct);
        });
        return command;
    }

    /// <summary><c>--visibility</c> and <c>--private</c>: null (the server's default, public), "public" or "private".</summary>
    internal static bool TryReadVisibility(string? visibility, bool makePrivate, out string? chosen, out string error)
    {
        chosen = null;
        error = string.Empty;
        var value = visibility?.Trim().ToLowerInvariant();
        if (value is not (null or "public" or "private"))
        {
            error = $"invalid visibility '{visibility}': use public or private";
            return false;
        }

        if (makePrivate && value == "public")
        {
            error = "--private and --visibility public contradict each other; give one";
            return false;
        }

        chosen = makePrivate ? "private" : value;
        return true;
    }

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine($"svctl {Name}: {message}");
        return exitCode;
    }
}
