namespace ShortVideo.Hosting.Auth;

/// <summary>
/// When a cached view of shared auth state (keys, revocations) is due for another look: at most once per
/// <see cref="AuthOptions.RefreshInterval"/>, on the monotonic clock of the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RefreshSchedule(TimeProvider timeProvider, TimeSpan interval)
{
    private long _lastRefresh;
    private bool _refreshed;

    /// <summary>True when the view was never loaded or is older than the interval.</summary>
    public bool IsDue => !Volatile.Read(ref _refreshed) || timeProvider.GetElapsedTime(Volatile.Read(ref _lastRefresh)) >= interval;

    /// <summary>Records that the view was just refreshed.</summary>
    public void Done()
    {
        Volatile.Write(ref _lastRefresh, timeProvider.GetTimestamp());
        Volatile.Write(ref _refreshed, true);
    }
}
