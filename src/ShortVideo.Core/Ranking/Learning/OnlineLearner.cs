using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// The learner's background loop: events posted from request threads queue up, and one task trains on them in
/// batches of <see cref="LearnerOptions.BatchSize"/>, never waiting longer than
/// <see cref="LearnerOptions.FlushInterval"/> to start a step, then publishes the changed vectors. Posting never
/// blocks; a full queue refuses the batch (the caller answers "try later") instead of growing without bound.
/// </summary>
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
    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _trainedEvents;

    public OnlineLearner(OnlineTrainer trainer, LearnerOptions options, TimeProvider time, ILogger logger)
    {
        _trainer = trainer;
        _options = options;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Events trained on so far.</summary>
    public long TrainedEvents => Interlocked.Read(ref _trainedEvents);

    /// <summary>
    /// Queues events for training after checking all of them (a bad one rejects the batch with an
    /// <see cref="ArgumentException"/>; nothing is queued). False when the queue is full.
    /// </summary>
    public bool TryPost(ReadOnlySpan<InteractionEvent> events)
    {
        OnlineTrainer.Validate(events);
        return events.IsEmpty || _queue.Writer.TryWrite(new Work(events.ToArray(), null));
    }

    /// <summary>Completes once everything posted before the call is trained on and published.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Work(null, done), cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            // Train what is already queued, unless that takes unreasonably long.
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var pending = new List<InteractionEvent>(_options.BatchSize);
        var flushes = new List<TaskCompletionSource>();
        var lastPublish = _time.GetTimestamp();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                var deadline = _time.GetTimestamp();
                while (true)
                {
                    while (pending.Count < _options.BatchSize && reader.TryRead(out var work))
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

                    // A full batch trains now; a partial one waits for more until the flush interval is up.
                    var waited = _time.GetElapsedTime(deadline);
                    if (pending.Count >= _options.BatchSize || flushes.Count > 0 || waited >= _options.FlushInterval)
                    {
                        break;
                    }

                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    wait.CancelAfter(_options.FlushInterval - waited);
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        break;
                    }
                }

                TrainPending(pending);
                if (flushes.Count > 0 || reader.Count == 0 || _time.GetElapsedTime(lastPublish) >= PublishInterval)
                {
                    Publish();
                    lastPublish = _time.GetTimestamp();
                    foreach (var flush in flushes)
                    {
                        flush.TrySetResult();
                    }

                    flushes.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down without waiting further.
        }

        foreach (var flush in flushes)
        {
            flush.TrySetCanceled();
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
            Interlocked.Add(ref _trainedEvents, pending.Count);
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
