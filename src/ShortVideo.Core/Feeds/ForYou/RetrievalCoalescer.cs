using Microsoft.Extensions.Options;
using ShortVideo.Ranking.Engine;

namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// Gathers concurrent fresh retrievals for <see cref="ForYouOptions.CoalesceWindow"/> (or until
/// <see cref="ForYouOptions.MaxBatch"/> wait) and answers them with one <see cref="IRankingEngine.RecommendBatch"/>:
/// one scan of the catalog for many users instead of one each.
/// </summary>
internal sealed class RetrievalCoalescer(IRankingEngine engine, IOptions<ForYouOptions> options, FeedStatistics statistics, TimeProvider time)
{
    private readonly TimeSpan _window = options.Value.CoalesceWindow;
    private readonly int _maxBatch = options.Value.MaxBatch;
    private readonly Lock _gate = new();
    private List<Pending> _pending = [];

    public Task<IReadOnlyList<Recommendation>> RecommendAsync(RecommendationRequest request)
    {
        var item = new Pending(request);
        List<Pending>? full = null;
        var first = false;
        lock (_gate)
        {
            _pending.Add(item);
            if (_pending.Count >= _maxBatch || _window == TimeSpan.Zero)
            {
                full = _pending;
                _pending = [];
            }
            else
            {
                first = _pending.Count == 1;
            }
        }

        if (full is not null)
        {
            Run(full);
        }
        else if (first)
        {
            _ = RunAfterWindowAsync();
        }

        return item.Done.Task;
    }

    private async Task RunAfterWindowAsync()
    {
        await Task.Delay(_window, time).ConfigureAwait(false);
        List<Pending> batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = [];
        }

        // Empty when MaxBatch already took them; a later batch's own first request started its own wait.
        if (batch.Count > 0)
        {
            Run(batch);
        }
    }

    private void Run(List<Pending> batch)
    {
        statistics.Batch(batch.Count);
        try
        {
            var requests = new RecommendationRequest[batch.Count];
            for (var i = 0; i < requests.Length; i++)
            {
                requests[i] = batch[i].Request;
            }

            var pages = engine.RecommendBatch(requests);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(pages[i]);
            }
        }
        catch (Exception failure)
        {
            foreach (var item in batch)
            {
                item.Done.TrySetException(failure);
            }
        }
    }

    private sealed class Pending(RecommendationRequest request)
    {
        public RecommendationRequest Request { get; } = request;

        // Continuations run off the scanning thread: the next batch's scan does not wait for this one's pages to be written.
        public TaskCompletionSource<IReadOnlyList<Recommendation>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
