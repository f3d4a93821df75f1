namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// Fingerprints of the catalog's videos, searchable for near-duplicates (a re-encode, resize, re-mux or small
/// crop of an earlier upload). The embedded default is SQLite; a scale-out adapter implements the same contract.
/// </summary>
public interface IFingerprintIndex
{
    /// <summary>Adds or replaces the fingerprint of a video.</summary>
    ValueTask AddAsync(string videoId, VideoFingerprint fingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// The indexed video most similar to <paramref name="fingerprint"/>, when it is similar enough to be a
    /// near-duplicate; otherwise null. <paramref name="excludeVideoId"/> (the video being processed, which a
    /// retried job may already have indexed) is never returned.
    /// </summary>
    ValueTask<NearDuplicateMatch?> FindNearDuplicateAsync(VideoFingerprint fingerprint, string? excludeVideoId, CancellationToken cancellationToken);
}
