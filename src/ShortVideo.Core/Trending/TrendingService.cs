using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;
using ShortVideo.Interactions;

namespace ShortVideo.Trending;

/// <summary>
/// Trending in this process: accepted interactions and new public videos go into per-minute buckets
/// (<see cref="TrendingWindows"/>); deleted and private videos leave them at once. Buckets are written to the store
/// every <see cref="TrendingOptions.FlushInterval"/> and at shutdown and read back at start: persisting a minute's
/// few rows is cheaper than replaying a day of interactions, which no store in this node keeps in one place.
/// </summary>
internal sealed partial class TrendingService(
    ITrendingStore store, IVideoCatalog catalog, IOptions<TrendingOptions> options, TimeProvider time, ILogger<TrendingService> logger)
    : BackgroundService, ITrending, IInteractionObserver, IVideoLifecycleListener
{
    private readonly Lock _gate = new();
    private readonly TrendingWindows _windows = new();
    private readonly TrendingOptions _options = options.Value;

    // One interaction of a kind per user and video per minute counts: a client replaying events cannot pump a video.
    private readonly HashSet<(string User, string Video, InteractionType Kind)> _seenThisMinute = [];
    private long _seenMinute;

    // Hashtags of the videos in the windows; a video missing here is looked up in the catalog once.
    private readonly Dictionary<string, IReadOnlyList<string>> _tags = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask ObserveAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var now = Minute(time.GetUtcNow());
        lock (_gate)
        {
            _windows.Advance(now);
            if (_seenMinute != now)
            {
                _seenThisMinute.Clear();
                _seenMinute = now;
            }

            foreach (var interaction in interactions)
            {
                var weight = Weight(interaction.Kind);
                if (weight == 0 || interaction.VideoId is not { } videoId || !_seenThisMinute.Add((interaction.UserId, videoId, interaction.Kind)))
                {
                    continue;
                }

                _windows.Add(Math.Min(now, Minute(interaction.At)), videoId, new TrendingWeight(weight, 0));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (video.Status != VideoStatus.Ready || !VideoAccess.CanView(video, VideoViewer.Anonymous))
        {
            return VideoDeletedAsync(video, cancellationToken);
        }

        lock (_gate)
        {
            // Reported ready twice (a retried job), the upload counts once.
            if (_tags.TryAdd(video.Id, Hashtags.Parse(video.Caption)))
            {
                var now = Minute(time.GetUtcNow());
                _windows.Advance(now);
                _windows.Add(now, video.Id, new TrendingWeight(0, _options.UploadWeight));
            }
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        lock (_gate)
        {
            _windows.Remove(video.Id);
            _tags.Remove(video.Id);
        }

        await store.RemoveAsync(video.Id, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TrendingEntry>> TopVideosAsync(TrendingWindow window, int limit, CancellationToken cancellationToken)
    {
        await _loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _windows.Advance(Minute(time.GetUtcNow()));
            return Top(_windows.Totals(window).Select(t => new TrendingEntry(t.Key, t.Value.Interactions)), limit);
        }
    }

    public async ValueTask<IReadOnlyList<TrendingEntry>> TopHashtagsAsync(TrendingWindow window, int limit, CancellationToken cancellationToken)
    {
        await _loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<KeyValuePair<string, TrendingWeight>> totals;
        lock (_gate)
        {
            _windows.Advance(Minute(time.GetUtcNow()));
            totals = [.. _windows.Totals(window)];
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (videoId, weight) in totals)
        {
            foreach (var tag in await TagsAsync(videoId, cancellationToken).ConfigureAwait(false))
            {
                scores[tag] = scores.GetValueOrDefault(tag) + weight.Interactions + weight.Uploads;
            }
        }

        return Top(scores.Select(s => new TrendingEntry(s.Key, s.Value)), limit);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _loaded.TrySetResult();
        }

        var interval = _options.FlushInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : _options.FlushInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the minutes changed since the last flush; a failure is logged (they stay in memory).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(long, Dictionary<string, TrendingWeight>)> dirty;
        long oldest;
        lock (_gate)
        {
            _windows.Advance(Minute(time.GetUtcNow()));
            dirty = _windows.TakeDirty();
            oldest = _windows.OldestKept;
        }

        try
        {
            await store.SaveAsync(dirty, oldest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFlushFailed(failure);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            long oldest;
            lock (_gate)
            {
                _windows.Advance(Minute(time.GetUtcNow()));
                oldest = _windows.OldestKept;
            }

            var rows = await store.LoadAsync(oldest, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var (minute, videoId, weight) in rows)
                {
                    _windows.Add(minute, videoId, weight);
                }

                _windows.TakeDirty();
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogLoadFailed(failure);
        }
    }

    /// <summary>The video's hashtags; one the catalog no longer shows to anyone leaves trending.</summary>
    private async ValueTask<IReadOnlyList<string>> TagsAsync(string videoId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tags.TryGetValue(videoId, out var known))
            {
                return known;
            }
        }

        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (video is null || video.Status != VideoStatus.Ready || !VideoAccess.CanView(video, VideoViewer.Anonymous))
        {
            lock (_gate)
            {
                _windows.Remove(videoId);
            }

            return [];
        }

        var tags = Hashtags.Parse(video.Caption);
        lock (_gate)
        {
            _tags[videoId] = tags;
        }

        return tags;
    }

    private double Weight(InteractionType kind) => kind switch
    {
        InteractionType.View => _options.ViewWeight,
        InteractionType.Complete => _options.CompleteWeight,
        InteractionType.Like => _options.LikeWeight,
        InteractionType.Unlike => -_options.LikeWeight,
        InteractionType.Share => _options.ShareWeight,
        _ => 0,
    };

    private static IReadOnlyList<TrendingEntry> Top(IEnumerable<TrendingEntry> entries, int limit) =>
        [.. entries.Where(e => e.Score > 1e-9).OrderByDescending(e => e.Score).ThenBy(e => e.Key, StringComparer.Ordinal).Take(limit)];

    private static long Minute(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trending: writing minute buckets failed; they stay in memory, and a restart before they change again loses them")]
    private partial void LogFlushFailed(Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trending: reading the stored minute buckets failed; trending starts empty")]
    private partial void LogLoadFailed(Exception failure);
}
