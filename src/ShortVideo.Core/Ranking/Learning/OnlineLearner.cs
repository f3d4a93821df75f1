using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// The learner's background loop: events posted from request threads queue up, and one dedicated thread trains
/// on them in batches of <see cref="LearnerOptions.BatchSize"/>, never waiting longer than
/// <see cref="LearnerOptions.FlushInterval"/> to start a step, then publishes the changed vectors. Posting never
/// blocks; a full queue refuses the batch (the caller answers "try later") instead of growing without bound.
/// </summary>
/// <remarks>
/// A dedicated thread blocking on the queue, not an async loop on the thread pool: when request threads
/// saturate the pool, an async loop's continuations wait for the pool to grow (seconds), and "an event
/// reaches retrieval within a second" would depend on everyone else's load.
/// </remarks>
internal sealed partial class OnlineLearner : IAsyncDisposable
{
    /// <summary>Queued work items (event batches and flush requests) before posting is refused.</summary>
    internal const int QueueCapacity = 16_384;

    // Publishing copies each touched matrix segment; under a steady stream, once per this interval is plenty
    // (well inside the one second an event has to reach retrieval) and keeps copying off the hot path.
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(200);

    private readonly OnlineTrainer _trainer;
    private readonly LearnerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockingCollection<Work> _queue = new(new ConcurrentQueue<Work>(), QueueCapacity);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public OnlineLearner(OnlineTrainer trainer, LearnerOptions options, TimeProvider time, ILogger logger)
    {
        _trainer = trainer;
        _options = options;
        _time = time;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "ShortVideo online learner" };
        _thread.Start();
    }

    /// <summary>
    /// Queues events for training after checking all of them (a bad one rejects the batch with an
    /// <see cref="ArgumentException"/>; nothing is queued). False when the queue is full or the learner stopped.
    /// </summary>
    public bool TryPost(ReadOnlySpan<InteractionEvent> events)
    {
        OnlineTrainer.Validate(events);
        return events.IsEmpty || TryAdd(new Work(events.ToArray(), null));
    }

    /// <summary>Completes once everything posted before the call is trained on and published.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A full queue drains within a step or two: wait for room rather than refuse a flush.
        while (!TryAdd(new Work(null, done)))
        {
            ObjectDisposedException.ThrowIf(_queue.IsAddingCompleted, this);
            await Task.Delay(_options.FlushInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The engine may be disposed twice (registered as itself and as IRankingEngine); once is enough.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        try
        {
            // Train what is already queued, unless that takes unreasonably long.
            await _stopped.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _stopped.Task.ConfigureAwait(false);
        }

        _stop.Dispose();
        _queue.Dispose();
    }

    private bool TryAdd(Work work)
    {
        try
        {
            return _queue.TryAdd(work);
        }
        catch (InvalidOperationException)
        {
            // Adding completed: the learner is shutting down.
            return false;
        }
    }

    private void Run()
    {
        var pending = new List<InteractionEvent>(_options.BatchSize);
        var flushes = new List<TaskCompletionSource>();
        var lastPublish = _time.GetTimestamp();
        var unpublished = false;
        try
        {
            while (!_queue.IsCompleted)
            {
                // Block for the first item; trained vectors not yet published bound the wait to the publish interval.
                if (!_queue.TryTake(out var first, unpublished ? MillisecondsUntil(lastPublish, PublishInterval) : Timeout.Infinite, _stop.Token))
                {
                    if (unpublished)
                    {
                        Publish();
                        lastPublish = _time.GetTimestamp();
                        unpublished = false;
                    }

                    continue;
                }

                // Then gather until the batch is full, a flush asks, or the interval is up.
                Add(first, pending, flushes);
                var started = _time.GetTimestamp();
                while (pending.Count < _options.BatchSize && flushes.Count == 0)
                {
                    var left = _options.FlushInterval - _time.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero || !_queue.TryTake(out var next, (int)Math.Ceiling(left.TotalMilliseconds), _stop.Token))
                    {
                        break;
                    }

                    Add(next, pending, flushes);
                }

                TrainPending(pending);
                unpublished = true;

                // Under a steady stream of small batches, publishing after each one copied every touched segment
                // dozens of times a second (a tenth of a busy node's CPU); once per interval meets the one second
                // an event has to reach retrieval. A flush, or the first batch after a quiet spell, publishes at once.
                if (flushes.Count > 0 || _time.GetElapsedTime(lastPublish) >= PublishInterval)
                {
                    Publish();
                    lastPublish = _time.GetTimestamp();
                    unpublished = false;
                    foreach (var flush in flushes)
                    {
                        flush.TrySetResult();
                    }

                    flushes.Clear();
                }
            }

            if (unpublished)
            {
                Publish();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down without waiting further.
        }
        finally
        {
            foreach (var flush in flushes)
            {
                flush.TrySetCanceled();
            }

            // Flush requests still queued when a stop cut the loop short must not wait forever.
            while (_queue.TryTake(out var left))
            {
                left.Flush?.TrySetCanceled();
            }

            _stopped.TrySetResult();
        }
    }

    private int MillisecondsUntil(long since, TimeSpan interval) =>
        (int)Math.Ceiling(Math.Max(0, (interval - _time.GetElapsedTime(since)).TotalMilliseconds));

    private static void Add(Work work, List<InteractionEvent> pending, List<TaskCompletionSource> flushes)
    {
        if (work.Flush is not null)
        {
            flushes.Add(work.Flush);
        }
        else
        {
            pending.AddRange(work.Events!);
        }
    }

    private void TrainPending(List<InteractionEvent> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            var step = _trainer.Train(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending), publish: false);
            LogStep(step.Positives, step.Negatives, step.Ignored, step.SoftmaxLoss);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Events were validated on the way in; anything else is a bug that must not stop learning.
            LogStepFailed(ex, pending.Count);
        }

        pending.Clear();
    }

    private void Publish()
    {
        try
        {
            _trainer.PublishVectors();
        }
        catch (ArgumentException ex)
        {
            LogPublishFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Training step: {Positives} positive pairs, {Negatives} negative pairs, {Ignored} events for unknown videos, softmax loss {Loss}")]
    private partial void LogStep(int positives, int negatives, int ignored, double loss);

    [LoggerMessage(Level = LogLevel.Error, Message = "A training step over {Events} events failed; they are dropped and learning goes on")]
    private partial void LogStepFailed(Exception exception, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing learned video vectors failed; the next step retries")]
    private partial void LogPublishFailed(Exception exception);

    private sealed record Work(InteractionEvent[]? Events, TaskCompletionSource? Flush);
}
