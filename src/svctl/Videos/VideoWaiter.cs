namespace ShortVideo.Cli.Videos;

/// <summary>
/// Follows a video through processing (GET /api/v1/videos/{id}) until it is <c>ready</c> or <c>failed</c>, or the
/// timeout passes. A node that restarts meanwhile (connection refused, a 5xx) is waited for within the same timeout;
/// a refusal that will not change (401, 404) ends the wait at once.
/// </summary>
internal sealed class VideoWaiter
{
    /// <summary>Default of <c>--timeout</c>: as long as one transcode attempt may run (Media:Transcoding:Timeout).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    // First polls come quickly (a short clip is ready in seconds), then settle at a rate that costs the node nothing.
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(2);

    private readonly VideoApi _api;
    private readonly TimeProvider _time;

    public VideoWaiter(VideoApi api, TimeProvider? time = null)
    {
        _api = api;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The video once processing is over. <paramref name="onChange"/> hears each new status (for a line on stderr).
    /// Throws <see cref="VideoApiException"/> when the video cannot be read or the timeout passes first.
    /// </summary>
    public async Task<VideoSnapshot> WaitAsync(string id, TimeSpan timeout, Action<VideoSnapshot>? onChange, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        var interval = FirstInterval;
        string? lastStatus = null;
        while (true)
        {
            try
            {
                var video = await _api.GetAsync(id, cancellationToken).ConfigureAwait(false);
                if (video.Status != lastStatus)
                {
                    lastStatus = video.Status;
                    onChange?.Invoke(video);
                }

                if (video.IsFinal)
                {
                    return video;
                }
            }
            catch (VideoApiException ex) when (ex.Transient && _time.GetTimestamp() < deadline)
            {
                // The node may be restarting; its job queue resumes the transcode, so keep asking until the deadline.
            }

            if (_time.GetTimestamp() >= deadline)
            {
                throw new VideoApiException(
                    $"video {id} is still {lastStatus ?? "not readable"} after {Describe(timeout)}; run: svctl videos wait {id}", transient: true);
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            interval = interval * 2 < MaxInterval ? interval * 2 : MaxInterval;
        }
    }

    private static string Describe(TimeSpan timeout) => timeout.TotalMinutes >= 1 && timeout.Seconds == 0
        ? $"{timeout.TotalMinutes:0} min"
        : $"{timeout.TotalSeconds:0.#} s";
}
