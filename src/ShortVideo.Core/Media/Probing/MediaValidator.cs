using System.Globalization;

namespace ShortVideo.Media.Probing;

/// <summary>Decides from a probe whether a file is a video the platform accepts.</summary>
internal static class MediaValidator
{
    /// <summary>
    /// The refusal of a file that starts like a video but cannot be read to its end: cut short or overwritten,
    /// whether ffprobe notices (the index is missing) or only decoding does (the index lists what is gone).
    /// </summary>
    public static MediaRejection Damaged { get; } =
        new(MediaRejectionCode.Corrupt, "This video file is damaged or incomplete (it may not have finished uploading or saving).");

    /// <summary>The reason to refuse the file, or null when it is accepted.</summary>
    public static MediaRejection? Validate(ProbeResult probe, MediaProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(options);

        if (!probe.Readable)
        {
            return RejectUnreadable(probe);
        }

        if (probe.Video is not { } video)
        {
            return probe.Audio is not null
                ? new(MediaRejectionCode.NoVideoStream, "This file has no video, only audio.")
                : new(MediaRejectionCode.NotMedia, "This file is not a video we can read.");
        }

        // Matroska and WebM leave the stream's duration to the container, so the container's stands in.
        var duration = video.Duration ?? probe.Duration;
        if (duration is not { } length || length <= TimeSpan.Zero)
        {
            return new(MediaRejectionCode.ZeroDuration, "This video has no length; it may be a single picture rather than a video.");
        }

        var longest = probe.Duration is { } container && container > length ? container : length;
        if (longest > options.MaxDuration)
        {
            return new(
                MediaRejectionCode.TooLong,
                $"This video is {FormatLength(longest, roundUp: true)} long; the limit is {FormatLength(options.MaxDuration, roundUp: false)}.");
        }

        if (Math.Max(video.DisplayWidth, video.DisplayHeight) > options.MaxDimension)
        {
            return new(
                MediaRejectionCode.TooLarge,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"This video is {video.DisplayWidth}×{video.DisplayHeight} pixels; the largest side may be at most {options.MaxDimension} pixels."));
        }

        return null;
    }

    // ffprobe names the demuxer's complaint, not the cause: for "clip.mp4" it says "moov atom not found" about
    // a truncated MP4 and a text file alike. The file's own first bytes decide: a known container that cannot
    // be read is damaged (usually an upload or recording cut short); anything else never was a video.
    private static MediaRejection RejectUnreadable(ProbeResult probe)
    {
        if (probe.SizeBytes == 0)
        {
            return new(MediaRejectionCode.NotMedia, "This file is empty.");
        }

        return probe.Signature is not null
            ? Damaged
            : new(MediaRejectionCode.NotMedia, "This file is not a video we can read.");
    }

    /// <summary>"9:05", "20:00" or "1:02:03". A length over the limit is rounded up, so 10:00.4 against a 10:00 limit reads 10:01.</summary>
    private static string FormatLength(TimeSpan length, bool roundUp)
    {
        var seconds = roundUp ? (long)Math.Ceiling(length.TotalSeconds) : (long)Math.Floor(length.TotalSeconds);
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        var rest = seconds % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{rest:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{rest:00}");
    }
}
