using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Jobs;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Media is content-addressed like blobs: every video with the same bytes (the same SHA-256) plays the media made
/// for the first of them, so identical uploads are transcoded once and stored once. A copy of bytes that already
/// have media is ready as soon as its upload completes; copies that arrive while their media is being made are made
/// ready by the video that makes it, the moment it is published.
/// </summary>
/// <remarks>
/// Only one job per SHA-256 transcodes at a time. Jobs are per video (so recovery and retries stay per video); a job
/// that finds a sibling's job running waits for it instead of transcoding too. Among running siblings the oldest
/// video (then the lowest id) builds, so two jobs that start at the same moment agree on who waits. A builder that dies
/// loses its lease, stops counting as running, and a waiter takes over.
/// </remarks>
internal sealed partial class SharedMedia(IVideoCatalog catalog, IJobQueue queue, VideoLifecycle lifecycle, TimeProvider time, ILogger<SharedMedia> logger)
{
    // Copies of identical bytes are rare; a cap bounds the work of a pathological upload storm.
    private const int SiblingLimit = 1000;

    /// <summary>
    /// Makes <paramref name="video"/> ready on the media of a ready video with the same bytes; the updated record, or
    /// null when no such media exists yet.
    /// </summary>
    public async Task<VideoRecord?> TryReuseAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        // A video with media of its own (or a final failure) keeps it: reuse is only for one still waiting.
        if (video.Status is not (VideoStatus.Uploaded or VideoStatus.Processing))
        {
            return null;
        }

        var siblings = await catalog.ListBySha256Async(video.Sha256, SiblingLimit, cancellationToken).ConfigureAwait(false);
        var source = siblings.FirstOrDefault(s => s.Status == VideoStatus.Ready && s.MediaVersion is not null && s.Id != video.Id);
        if (source is null)
        {
            return null;
        }

        var reused = Reuse(video, source);
        await catalog.UpdateAsync(reused, cancellationToken).ConfigureAwait(false);
        LogReused(video.Id, source.Id);
        await lifecycle.ReadyAsync(reused, cancellationToken).ConfigureAwait(false);
        return reused;
    }

    /// <summary>
    /// After <paramref name="built"/> was published or refused: every sibling still waiting for media gets the same
    /// outcome. Repeated until a pass finds none, so a copy whose record appeared during a pass is not left behind (a
    /// copy that appears after the last pass finds <paramref name="built"/> finished through <see cref="TryReuseAsync"/>).
    /// </summary>
    public async Task ShareWithSiblingsAsync(VideoRecord built, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = 0;
            foreach (var sibling in await catalog.ListBySha256Async(built.Sha256, SiblingLimit, cancellationToken).ConfigureAwait(false))
            {
                if (sibling.Id == built.Id || sibling.Status is not (VideoStatus.Uploaded or VideoStatus.Processing))
                {
                    continue;
                }

                var outcome = built.Status == VideoStatus.Ready
                    ? Reuse(sibling, built)
                    : sibling with { Status = VideoStatus.Failed, Error = built.Error, DurationMs = built.DurationMs };
                await catalog.UpdateAsync(outcome, cancellationToken).ConfigureAwait(false);
                if (outcome.Status == VideoStatus.Ready)
                {
                    await lifecycle.ReadyAsync(outcome, cancellationToken).ConfigureAwait(false);
                }

                changed++;
            }

            if (changed == 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The sibling whose running job transcodes these bytes and is not <paramref name="video"/>, or null when
    /// <paramref name="video"/>'s job should transcode them itself.
    /// </summary>
    public async Task<VideoRecord?> BuilderOtherThanAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        VideoRecord? builder = null;
        foreach (var sibling in await catalog.ListBySha256Async(video.Sha256, SiblingLimit, cancellationToken).ConfigureAwait(false))
        {
            if (sibling.Id == video.Id || sibling.Status != VideoStatus.Processing)
            {
                continue;
            }

            var job = await queue.GetAsync(TranscodeJobs.Kind, sibling.Id, cancellationToken).ConfigureAwait(false);
            var running = job is { Status: JobStatus.Running, LeaseExpiresAt: { } expires } && expires > now;
            if (running && (builder is null || Before(sibling, builder)))
            {
                builder = sibling;
            }
        }

        return builder is not null && Before(builder, video) ? builder : null;
    }

    private static bool Before(VideoRecord a, VideoRecord b) =>
        a.CreatedAt < b.CreatedAt || (a.CreatedAt == b.CreatedAt && string.CompareOrdinal(a.Id, b.Id) < 0);

    /// <summary>
    /// <paramref name="video"/> playing <paramref name="source"/>'s media. Identical bytes are the closest duplicate
    /// there is, so the source is its near-duplicate (shown only to viewers who may see it).
    /// </summary>
    private static VideoRecord Reuse(VideoRecord video, VideoRecord source) => video with
    {
        Status = VideoStatus.Ready,
        Error = null,
        DurationMs = source.DurationMs,
        MediaVersion = source.MediaVersion,
        MediaSourceId = source.MediaKey,
        Thumbnails = source.Thumbnails,
        NearDuplicateOf = source.Id,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} plays the media of {SourceId}: the same bytes are transcoded once")]
    private partial void LogReused(string videoId, string sourceId);
}
