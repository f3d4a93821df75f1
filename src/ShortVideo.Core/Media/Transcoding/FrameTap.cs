namespace ShortVideo.Media.Transcoding;

/// <summary>
/// A branch of the one-decode transcode whose frames come back to us rather than to a file: the decoded pictures
/// through <paramref name="FilterChain"/>, at most <paramref name="MaxFrames"/> of them, as raw video on ffmpeg's
/// stdout, consumed by <paramref name="ReadAsync"/> while the renditions are encoded. Another user of the source's
/// pictures (the near-duplicate fingerprint) then shares the transcode's decode instead of decoding the source again.
/// </summary>
/// <param name="FilterChain">Filters from the decoded frames (as the source's own stream, before any frame rate cap) to what is read.</param>
/// <param name="MaxFrames">The branch stops after this many frames; the renditions go on.</param>
/// <param name="ReadAsync">Reads ffmpeg's stdout to its end.</param>
internal sealed record FrameTap(string FilterChain, int MaxFrames, Func<Stream, CancellationToken, Task> ReadAsync);
