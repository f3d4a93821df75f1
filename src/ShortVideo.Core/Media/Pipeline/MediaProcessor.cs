using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Probing;
using ShortVideo.Media.Storage;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// One video through the pipeline: uploaded → processing → ready | failed. Probe and validate the original,
/// plan the ladder, transcode it in one ffmpeg process, check the HLS output against our rules, publish it as
/// a new media version, and only then point the catalog at that version. The transcode's decode also yields the
/// frames of the source's fingerprint (<see cref="NearDuplicateDetector"/>), which marks copies of earlier videos.
/// Refusals (not a video, too long…) end the job with a sentence for the user; anything else throws, and the job
/// queue retries it.
/// </summary>
internal sealed partial class MediaProcessor(
    IVideoCatalog catalog,
    IBlobStore blobs,
    MediaProber prober,
    HlsTranscoder transcoder,
    NearDuplicateDetector nearDuplicates,
    SharedMedia shared,
    VideoLifecycle lifecycle,
    IMediaStore media,
    IOptions<MediaProbeOptions> probeOptions,
    IOptions<LadderOptions> ladderOptions,
    IOptions<MediaPipelineOptions> pipelineOptions,
    IOptions<DataDirectoryOptions> dataDirectory,
    ILogger<MediaProcessor> logger,
    TimeProvider time)
{
    /// <summary>Processes the video; returns its final record (null when the video no longer exists).</summary>
    public async Task<VideoRecord?> ProcessAsync(string videoId, CancellationToken cancellationToken)
    {
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (video is null || video.Status is VideoStatus.Ready or VideoStatus.Failed)
        {
            return video;
        }

        if (await shared.TryReuseAsync(video, cancellationToken).ConfigureAwait(false) is { } reused)
        {
            return reused;
        }

        if (video.Status != VideoStatus.Processing)
        {
            video = video with { Status = VideoStatus.Processing };
            await catalog.UpdateAsync(video, cancellationToken).ConfigureAwait(false);
        }

        if (await WaitForSiblingBuildAsync(video, cancellationToken).ConfigureAwait(false) is { } settled)
        {
            return settled;
        }

        var stages = new StageTimes(time);
        var work = Path.Combine(WorkRoot(), $"{video.Id}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        Directory.CreateDirectory(work);
        try
        {
            var source = await LocalSourceAsync(video, work, cancellationToken).ConfigureAwait(false);
            var probe = await prober.ProbeAsync(source, cancellationToken).ConfigureAwait(false);
            var durationMs = (long?)probe.Duration?.TotalMilliseconds;
            if (MediaValidator.Validate(probe, probeOptions.Value) is { } rejection)
            {
                return await RejectAsync(video, rejection, durationMs, cancellationToken).ConfigureAwait(false);
            }

            var probeTime = stages.Lap();
            var input = new TranscodeSource(
                source,
                probe.Video!.DisplayWidth,
                probe.Video.DisplayHeight,
                probe.Video.FrameRate ?? 30,
                probe.Audio is not null,
                probe.Video.Duration ?? probe.Duration!.Value);
            var ladder = LadderPlanner.Plan(input, ladderOptions.Value);
            var output = Path.Combine(work, "out");
            var frames = nearDuplicates.CollectFrames();
            var result = await TranscodeCheckedAsync(video.Id, input, ladder, output, frames?.Tap, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                return await RejectAsync(video, MediaValidator.Damaged, durationMs, cancellationToken).ConfigureAwait(false);
            }

            var transcodeTime = stages.Lap();
            var (fingerprint, original) = await nearDuplicates.InspectAsync(video.Id, frames, cancellationToken).ConfigureAwait(false);
            var fingerprintTime = stages.Lap();
            var violations = HlsValidator.Validate(result.MasterPlaylistPath);
            if (violations.Count > 0)
            {
                throw new TranscodeException("The HLS output broke our rules: " + string.Join(" ", violations));
            }

            var validationTime = stages.Lap();
            var version = RandomNumberGenerator.GetHexString(12, lowercase: true);
            await media.PublishAsync(video.Id, version, output, cancellationToken).ConfigureAwait(false);

            // Indexed only once published, so a video that fails is never the original of a later upload.
            await nearDuplicates.IndexAsync(video.Id, fingerprint, cancellationToken).ConfigureAwait(false);
            video = video with
            {
                Status = VideoStatus.Ready,
                Error = null,
                DurationMs = durationMs,
                MediaVersion = version,
                NearDuplicateOf = original?.VideoId,
                Thumbnails = [.. ThumbnailPaths(output, result)],
            };
            await catalog.UpdateAsync(video, cancellationToken).ConfigureAwait(false);
            await lifecycle.ReadyAsync(video, cancellationToken).ConfigureAwait(false);
            await shared.ShareWithSiblingsAsync(video, cancellationToken).ConfigureAwait(false);

            // Versions of attempts that crashed after publishing are never referenced: drop them.
            await media.DeleteAsync(video.Id, version, cancellationToken).ConfigureAwait(false);
            var publishingTime = stages.Lap();
            LogReady(
                video.Id, ladder.Count, stages.Total.TotalSeconds, probeTime.TotalSeconds, fingerprintTime.TotalSeconds, transcodeTime.TotalSeconds,
                validationTime.TotalSeconds, publishingTime.TotalSeconds);
            return video;
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>
    /// While another job transcodes the same bytes, waits for it (<see cref="SharedMedia"/>): returns this video's
    /// record once that job's outcome reached it, or null when no sibling builds and this job should.
    /// </summary>
    private async Task<VideoRecord?> WaitForSiblingBuildAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        while (await shared.BuilderOtherThanAsync(video, cancellationToken).ConfigureAwait(false) is not null)
        {
            await Task.Delay(pipelineOptions.Value.PollInterval, cancellationToken).ConfigureAwait(false);
            var current = await catalog.GetAsync(video.Id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Status is VideoStatus.Ready or VideoStatus.Failed)
            {
                return current;
            }

            if (await shared.TryReuseAsync(current, cancellationToken).ConfigureAwait(false) is { } reused)
            {
                return reused;
            }
        }

        return null;
    }

    /// <summary>
    /// Before the first job of this process: reap what a killed predecessor left in the work directory
    /// (orphaned ffmpeg processes, half-written outputs). Returns how many orphans were killed.
    /// </summary>
    public int CleanWorkDirectory()
    {
        var killed = WorkDirectoryJanitor.Clean(WorkRoot());
        if (killed > 0)
        {
            LogReaped(killed);
        }

        return killed;
    }

    /// <summary>After the last attempt failed: the video is failed with a sentence, not left processing.</summary>
    public async Task GiveUpAsync(string videoId, int attempts, CancellationToken cancellationToken)
    {
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (video is not null && video.Status is VideoStatus.Uploaded or VideoStatus.Processing)
        {
            await catalog.UpdateAsync(
                video with { Status = VideoStatus.Failed, Error = $"We could not process this video (tried {attempts} times). Try uploading it again." },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A refusal is final: the video ends failed with the sentence, and the job is done, not retried.</summary>
    private async Task<VideoRecord> RejectAsync(VideoRecord video, MediaRejection rejection, long? durationMs, CancellationToken cancellationToken)
    {
        LogRejected(video.Id, rejection.Code, rejection.Message);
        video = video with { Status = VideoStatus.Failed, Error = rejection.Message, DurationMs = durationMs };
        await catalog.UpdateAsync(video, cancellationToken).ConfigureAwait(false);

        // The refusal is about the bytes, so every copy of them waiting for media gets it too.
        await shared.ShareWithSiblingsAsync(video, cancellationToken).ConfigureAwait(false);
        return video;
    }

    /// <summary>Poster first, then the storyboard's index and sprite: relative paths inside the media version.</summary>
    private static IEnumerable<string> ThumbnailPaths(string output, TranscodeResult result)
    {
        foreach (var path in (string?[])[result.PosterPath, result.StoryboardPath, result.StoryboardPath is null ? null : Path.Combine(output, StoryboardLayout.SpriteFileName)])
        {
            if (path is not null)
            {
                yield return Path.GetRelativePath(output, path).Replace('\\', '/');
            }
        }
    }

    private string WorkRoot() =>
        Path.GetFullPath(pipelineOptions.Value.WorkDirectory ?? Path.Combine(dataDirectory.Value.FullPath, "work"));

    /// <summary>The original as a local file: the blob's own file where there is one, else a copy in the work directory.</summary>
    private async Task<string> LocalSourceAsync(VideoRecord video, string work, CancellationToken cancellationToken)
    {
        if (blobs is ILocalBlobFiles local && local.GetLocalPath(video.Sha256) is { } path)
        {
            return path;
        }

        var copy = Path.Combine(work, "source");
        var stream = await blobs.OpenReadAsync(video.Sha256, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var file = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await stream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        return copy;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Scratch space; the next start of the worker clears what is left.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} refused ({Code}): {Reason}")]
    private partial void LogRejected(string videoId, MediaRejectionCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed {Count} ffmpeg processes left running by a previous run of this node")]
    private partial void LogReaped(int count);

    // svctl bench pipeline reads this line (BenchPipelineStages): keep its words and order, or change both.
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Video {VideoId} ready: {Renditions} renditions in {Seconds:F3} s (probe {ProbeSeconds:F3} s, fingerprint {FingerprintSeconds:F3} s, "
            + "transcode {TranscodeSeconds:F3} s, validation {ValidationSeconds:F3} s, publishing {PublishingSeconds:F3} s)")]
    private partial void LogReady(
        string videoId, int renditions, double seconds, double probeSeconds, double fingerprintSeconds, double transcodeSeconds, double validationSeconds, double publishingSeconds);
}
