using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// The single writer of the two-tower model: turns interaction events into SGD steps (in-batch softmax with
/// logQ correction for positives, a logistic push for skips), records watch history and popularity, and
/// publishes the changed video vectors into the retrieval matrix.
/// </summary>
/// <remarks>
/// Every write goes through <see cref="_gate"/>, so the tables' one-writer contract holds whoever calls. Readers
/// (feed requests) never take it: they read seqlocked rows, immutable histories and matrix snapshots.
/// </remarks>
internal sealed partial class OnlineTrainer : IDisposable
{
    // A semaphore rather than a lock: saving a snapshot holds it across awaits.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TwoTowerModel _model;
    private readonly ItemMatrix _matrix;
    private readonly PopularityCounter _popularity;
    private readonly ExplorationBandit? _bandit;
    private readonly LearnerOptions _options;
    private readonly TimeProvider _time;
    private RowAdagrad _users;
    private RowAdagrad _videos;
    private RowAdagrad _creators;
    private RowAdagrad _tags;
    private readonly HashSet<long> _dirty = [];
    private int _refreshCursor;

    public OnlineTrainer(TwoTowerModel model, ItemMatrix matrix, PopularityCounter popularity, ExplorationBandit? bandit, LearnerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (matrix.Dimension != model.Dimension)
        {
            throw new ArgumentException($"The retrieval matrix has dimension {matrix.Dimension} but the embeddings have {model.Dimension}.", nameof(matrix));
        }

        _model = model;
        _matrix = matrix;
        _popularity = popularity;
        _bandit = bandit;
        _options = options;
        _time = time;
        (_users, _videos, _creators, _tags) = Optimizers();
    }

    public TwoTowerModel Model => _model;

    public ItemMatrix Matrix => _matrix;

    public PopularityCounter Popularity => _popularity;

    /// <summary>Adds a video to the catalog (or refreshes its features): its vector is retrievable on return.</summary>
    public void AddVideo(VideoDescriptor video) => AddVideos([video]);

    /// <summary>
    /// Adds videos (or refreshes their features) with one matrix publication for the new ones: loading a
    /// catalog of a million at start-up must not publish a million snapshots.
    /// </summary>
    public void AddVideos(IReadOnlyList<VideoDescriptor> videos)
    {
        ArgumentNullException.ThrowIfNull(videos);
        foreach (var video in videos)
        {
            ArgumentNullException.ThrowIfNull(video);
            ArgumentNullException.ThrowIfNull(video.Hashtags);
        }

        using (Enter())
        {
            var d = _model.Dimension;
            var newIds = new List<long>();
            var added = new HashSet<long>();
            var newVectors = new List<float>();
            var vector = new float[d];
            foreach (var video in videos)
            {
                var features = _model.AddVideo(video);
                _model.VideoVector(features, vector);
                if (_matrix.Contains(video.VideoId) || !added.Add(video.VideoId))
                {
                    _dirty.Add(video.VideoId);
                }
                else
                {
                    newIds.Add(video.VideoId);
                    newVectors.AddRange(vector);
                }

                _bandit?.Register(video.VideoId, video.PublishedAt);
            }

            if (newIds.Count > 0)
            {
                _matrix.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(newIds), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(newVectors));
            }

            PublishDirty();
        }
    }

    /// <summary>Takes a video out of retrieval, exploration and popularity (deleted, or made private).</summary>
    public bool RemoveVideo(long videoId)
    {
        using (Enter())
        {
            _dirty.Remove(videoId);
            _popularity.Remove(videoId);
            _bandit?.Remove(videoId);
            var known = _model.RemoveVideo(videoId);
            return _matrix.Remove(videoId) | known;
        }
    }

    /// <summary>
    /// Checks a batch before anything of it is used: NaN, infinite, negative or absurd watch ratios and
    /// unknown kinds are rejected whole with a sentence naming the event.
    /// </summary>
    public static void Validate(ReadOnlySpan<InteractionEvent> events)
    {
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (!Enum.IsDefined(e.Kind))
            {
                throw new ArgumentException($"Event {i} has kind {(int)e.Kind}, which is not an interaction kind.", nameof(events));
            }

            if (!float.IsFinite(e.WatchRatio) || e.WatchRatio < 0 || e.WatchRatio > InteractionEvent.MaxWatchRatio)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Event {i} (user {e.UserId}, video {e.VideoId}) has watch ratio {e.WatchRatio}; it must be a finite number from 0 to {InteractionEvent.MaxWatchRatio}."),
                    nameof(events));
            }
        }
    }

    /// <summary>Writes the vectors of the videos changed since the last publication into the retrieval matrix.</summary>
    public int PublishVectors()
    {
        using (Enter())
        {
            return PublishDirty();
        }
    }

    /// <summary>Drops expired rows (and their optimizer state) from every table.</summary>
    public int Sweep()
    {
        using (Enter())
        {
            var now = _time.GetUtcNow();
            var dropped = 0;
            foreach (var adagrad in (ReadOnlySpan<RowAdagrad>)[_users, _videos, _creators, _tags])
            {
                dropped += adagrad.Table.Sweep(now);
                adagrad.Prune();
            }

            return dropped;
        }
    }

    /// <summary>Saves the learned state (see <see cref="ModelSnapshot"/>); training pauses meanwhile, retrieval does not.</summary>
    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ModelSnapshot.SaveAsync(directory, _model, _popularity, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces the learned state with the snapshot in <paramref name="directory"/> and republishes every
    /// catalog vector; false when there is none. A damaged snapshot throws and leaves the current state as is.
    /// </summary>
    public async Task<bool> RestoreAsync(string directory, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = await ModelSnapshot.LoadAsync(directory, _model.TableOptions, _time, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                return false;
            }

            _model.Restore(loaded.Tables, loaded.HashtagIds, loaded.Histories);
            _popularity.Import(loaded.PopularityOrigin, loaded.PopularityTotal, loaded.PopularityCounts);
            (_users, _videos, _creators, _tags) = Optimizers();
            var snapshot = _matrix.Snapshot;
            for (var row = 0; row < snapshot.Count; row++)
            {
                _dirty.Add(snapshot.IdAt(row));
            }

            PublishDirty();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Writes the learned towers as two ONNX models (video_tower.onnx, user_tower.onnx) into
    /// <paramref name="directory"/>, for serving or inspection outside the engine. Training pauses meanwhile.
    /// </summary>
    public void ExportOnnx(string directory)
    {
        Onnx.TwoTowerWeights weights;
        using (Enter())
        {
            weights = _model.ExportWeights();
        }

        Onnx.TwoTowerOnnxExporter.Export(weights, directory);
    }

    /// <summary>Holds the writer gate until disposed.</summary>
    private GateHold Enter()
    {
        _gate.Wait();
        return new GateHold(_gate);
    }

    private (RowAdagrad Users, RowAdagrad Videos, RowAdagrad Creators, RowAdagrad Tags) Optimizers() => (
        new RowAdagrad(_model.Users, _options.LearningRate, _options.L2),
        new RowAdagrad(_model.Videos, _options.LearningRate, _options.L2),
        new RowAdagrad(_model.Creators, _options.LearningRate, _options.L2),
        new RowAdagrad(_model.Tags, _options.LearningRate, _options.L2));

    private readonly struct GateHold(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
