namespace ShortVideo.Catalog;

/// <summary>
/// Told when a video enters the catalog (DESIGN.md: the `video.uploaded` event). The media pipeline
/// listens to queue its transcode job. Called again when a crashed completion is finished, so a listener
/// must be idempotent; it must also be quick and durable (enqueue, do not process).
/// </summary>
public interface IVideoEvents
{
    /// <summary>A video's bytes are stored and its record exists.</summary>
    ValueTask VideoUploadedAsync(VideoRecord video, CancellationToken cancellationToken);
}
