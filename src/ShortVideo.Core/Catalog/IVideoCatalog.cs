namespace ShortVideo.Catalog;

/// <summary>Stores video records.</summary>
public interface IVideoCatalog
{
    /// <summary>Adds a new video.</summary>
    ValueTask CreateAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>Returns the video, or null.</summary>
    ValueTask<VideoRecord?> GetAsync(string videoId, CancellationToken cancellationToken);
}
