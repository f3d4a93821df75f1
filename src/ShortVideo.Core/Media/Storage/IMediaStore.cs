namespace ShortVideo.Media.Storage;

/// <summary>
/// Where processed media (HLS renditions, posters, storyboards) lives: media/{videoId}/{version}/{path}.
/// A version is written once and never changed, so readers can cache it forever and a crashed attempt can
/// never mix its files into a published one: the catalog points at a version only after it is complete.
/// Implementations: the filesystem (default) and S3.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Copies (or moves, where cheaper) every file under <paramref name="localDirectory"/> into the version.
    /// Returns once all of them are stored; the directory may be gone afterwards.
    /// </summary>
    ValueTask PublishAsync(string videoId, string version, string localDirectory, CancellationToken cancellationToken);

    /// <summary>Describes one stored file, or returns null when it does not exist.</summary>
    ValueTask<MediaObject?> GetAsync(string videoId, string version, string path, CancellationToken cancellationToken);

    /// <summary>Deletes every version of the video except <paramref name="keepVersion"/> (all of them when null).</summary>
    ValueTask DeleteAsync(string videoId, string? keepVersion, CancellationToken cancellationToken);
}

/// <summary>A stored media file: its size, a strong validator, and how to read it (whole or a byte range).</summary>
public sealed class MediaObject(long length, string entityTag, DateTimeOffset lastModified, Func<long, long, CancellationToken, ValueTask<Stream>> open)
{
    /// <summary>Size in bytes.</summary>
    public long Length { get; } = length;

    /// <summary>A strong ETag, quoted: files of a version never change, so it names the bytes.</summary>
    public string EntityTag { get; } = entityTag;

    /// <summary>When the version was published.</summary>
    public DateTimeOffset LastModified { get; } = lastModified;

    /// <summary>Opens bytes [offset, offset + count) for reading.</summary>
    public ValueTask<Stream> OpenAsync(long offset, long count, CancellationToken cancellationToken) => open(offset, count, cancellationToken);
}
