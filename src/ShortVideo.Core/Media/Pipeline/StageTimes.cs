namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Where one video's processing time went, for the line logged when it is ready: <c>svctl bench pipeline</c> reads
/// it to show which stage a change made faster or slower. Laps are taken in order; each ends the stage before it.
/// </summary>
internal sealed class StageTimes(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _lapStarted = time.GetTimestamp();

    /// <summary>Time since processing began.</summary>
    public TimeSpan Total => time.GetElapsedTime(_started);

    /// <summary>Ends the current stage: returns its length and starts the next.</summary>
    public TimeSpan Lap()
    {
        var now = time.GetTimestamp();
        var lap = time.GetElapsedTime(_lapStarted, now);
        _lapStarted = now;
        return lap;
    }
}
