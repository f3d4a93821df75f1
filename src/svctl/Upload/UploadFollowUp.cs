using System.Text.Json;
using ShortVideo.Cli.Commands;
using ShortVideo.Cli.Commands.Videos;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// What <c>svctl upload</c> does once the bytes are in and the node named the video: read the video back (is it
/// deduplicated, which visibility did the node record), and with <c>--wait</c> follow processing to its end.
/// Stdout stays what scripts read: the video id (then the HLS URL with <c>--wait</c>), or one JSON object.
/// </summary>
internal static class UploadFollowUp
{
    private const string Name = "upload";

    public static async Task<int> RunAsync(
        UploadResult result, TusUploadOptions options, TimeSpan? waitFor, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var videoId = result.VideoId!;
        if (!json)
        {
            // First, so the id is on screen (and in a script's pipe) before any wait.
            output.WriteLine(videoId);
        }

        using var api = new VideoApi(VideoApi.ServerOf(options.Endpoint), options.Token ?? string.Empty);
        VideoSnapshot? video = null;
        try
        {
            video = await api.GetAsync(videoId, cancellationToken);
            if (!json)
            {
                error.WriteLine($"deduplicated: {VideoText.Deduplicated(video.Deduplicated)}");
            }

            if (waitFor is { } limit)
            {
                video = await new VideoWaiter(api).WaitAsync(videoId, limit, json ? null : v => error.WriteLine($"status: {v.Status}"), cancellationToken);
            }
        }
        catch (VideoApiException ex) when (waitFor is null)
        {
            // The upload itself succeeded: a node that does not answer the read-back costs only the extra facts.
            error.WriteLine($"svctl {Name}: uploaded, but could not read video {videoId} back: {ex.Message}");
        }
        catch (VideoApiException ex)
        {
            Write(result, video, json, output);
            error.WriteLine($"svctl {Name}: uploaded video {videoId}, but {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"interrupted; the upload is complete: svctl videos wait {videoId}");
            return ExitCodes.Interrupted;
        }

        Write(result, video, json, output);
        if (waitFor is null || video is null)
        {
            return ExitCodes.Ok;
        }

        // Ready: the HLS URL under the id; failed: the node's sentence on stderr and exit 1. With --json the object
        // above already carries the status, the URL and the error, so stdout gets nothing more.
        return VideosWaitCommand.Report(video, json: false, json ? TextWriter.Null : output, error, Name);
    }

    private static void Write(UploadResult result, VideoSnapshot? video, bool json, TextWriter output)
    {
        if (!json)
        {
            return;
        }

        var full = video is null ? result : result with
        {
            Deduplicated = video.Deduplicated,
            Visibility = video.Visibility,
            Status = video.Status,
            Hls = video.Hls,
            Error = video.Error,
        };
        output.WriteLine(JsonSerializer.Serialize(full, UploadJsonContext.Default.UploadResult));
    }
}
