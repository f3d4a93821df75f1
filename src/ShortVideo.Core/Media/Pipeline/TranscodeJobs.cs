using ShortVideo.Catalog;
using ShortVideo.Jobs;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Turns `video.uploaded` into a durable transcode job keyed by the video id (enqueueing twice is a no-op),
/// and wakes this process's workers so a fresh upload starts processing at once, not at the next poll. Bytes that
/// already have media need no job: the video plays that media and is ready before the upload's last response.
/// </summary>
internal sealed class TranscodeJobs(IJobQueue queue, SharedMedia shared) : IVideoEvents, IDisposable
{
    public const string Kind = "transcode";

    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public async ValueTask VideoUploadedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        if (await shared.TryReuseAsync(video, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await queue.EnqueueAsync(new JobRequest { Kind = Kind, Key = video.Id }, cancellationToken).ConfigureAwait(false);
        _signal.Release();
    }

    /// <summary>Waits until a job was enqueued here or <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
