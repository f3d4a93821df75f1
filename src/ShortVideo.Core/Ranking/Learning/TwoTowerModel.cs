using System.Collections.Concurrent;
using System.Numerics.Tensors;
using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// The two towers' parameters and features: embedding tables for users, videos, creators and hashtags, the
/// videos' creator and hashtags, and each user's recently watched videos.
/// </summary>
/// <remarks>
/// <para>Video tower: v = E_video[video] + E_creator[creator] + mean of E_tag over the video's hashtags. A new
/// video starts with what its creator and hashtags have learned, which is its cold start.</para>
/// <para>User tower: u = E_user[user] + mean of v over the user's recent history. The history term answers for a
/// user who has no row yet (admission) and moves the user the moment a watch is recorded, before any step.</para>
/// <para>Concurrency: one writer (the <see cref="OnlineTrainer"/> holding its gate) and any number of readers.
/// Tables are seqlocked per row; video features and histories are immutable values swapped whole.</para>
/// </remarks>
internal sealed class TwoTowerModel
{
    private readonly ConcurrentDictionary<long, VideoFeatures> _videos = new();
    private readonly ConcurrentDictionary<string, long> _tagIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, long[]> _history = new();
    private readonly ConcurrentDictionary<long, VideoList> _videosByCreator = new();
    private readonly int _seed;
    private long _nextTagId;
    private EmbeddingTable[] _tables;

    public TwoTowerModel(EmbeddingTableOptions tables, int historyLength, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        tables.Validate();
        Dimension = tables.Dimension;
        HistoryLength = historyLength;
        // Distinct seeds: video 7 and creator 7 must not start with the same vector.
        TableOptions = [WithSeed(tables, tables.Seed), WithSeed(tables, tables.Seed + 1), WithSeed(tables, tables.Seed + 2), WithSeed(tables, tables.Seed + 3)];
        _tables = [.. TableOptions.Select(options => new EmbeddingTable(options, time))];
        InitialScale = tables.InitialScale;
        _seed = tables.Seed;
    }

    public int Dimension { get; }

    public int HistoryLength { get; }

    public float InitialScale { get; }

    /// <summary>Options of the user, video, creator and hashtag tables, in that order.</summary>
    public EmbeddingTableOptions[] TableOptions { get; }

    public EmbeddingTable Users => Volatile.Read(ref _tables)[0];

    public EmbeddingTable Videos => Volatile.Read(ref _tables)[1];

    public EmbeddingTable Creators => Volatile.Read(ref _tables)[2];

    public EmbeddingTable Tags => Volatile.Read(ref _tables)[3];

    /// <summary>The user, video, creator and hashtag tables, in that order.</summary>
    public EmbeddingTable[] Tables => Volatile.Read(ref _tables);

    public int VideoCount => _videos.Count;

    public bool TryGetFeatures(long videoId, out VideoFeatures features) => _videos.TryGetValue(videoId, out features);

    /// <summary>Registers a video's features and gives it, its creator and new hashtags their rows. Writer only.</summary>
    public VideoFeatures AddVideo(VideoDescriptor video)
    {
        var tags = TagIds(video.Hashtags);

        var features = new VideoFeatures(video.VideoId, video.CreatorId, tags.Length == 0 ? [] : tags.Distinct().ToArray(), video.PublishedAt.UtcTicks);
        Span<float> init = stackalloc float[Dimension];
        EnsureRow(Videos, 1, video.VideoId, init);
        EnsureRow(Creators, 2, video.CreatorId, init);
        foreach (var tag in features.Tags)
        {
            EnsureRow(Tags, 3, tag, init);
        }

        var known = _videos.TryGetValue(video.VideoId, out var previous);
        if (known && previous.CreatorId != video.CreatorId)
        {
            Unindex(previous);
        }

        _videos[video.VideoId] = features;
        if (!known || previous.CreatorId != video.CreatorId)
        {
            var list = _videosByCreator.GetValueOrDefault(video.CreatorId) ?? VideoList.Empty;
            _videosByCreator[video.CreatorId] = list.Append(video.VideoId);
        }

        return features;
    }

    /// <summary>The hashtags' row ids, new hashtags getting the next free id. Writer only.</summary>
    private long[] TagIds(IReadOnlyList<string> hashtags)
    {
        var tags = new long[hashtags.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = hashtags[i].Trim().TrimStart('#');
            tags[i] = _tagIds.GetOrAdd(tag, static (_, model) => Interlocked.Increment(ref model._nextTagId), this);
        }

        return tags;
    }

    /// <summary>Hashtag names and their row ids, for snapshots.</summary>
    public IEnumerable<KeyValuePair<string, long>> HashtagIds => _tagIds;

    /// <summary>The learned tables as the ONNX exporter takes them. Writer only (a consistent copy).</summary>
    public Onnx.TwoTowerWeights ExportWeights()
    {
        static Onnx.EmbeddingRows Rows(EmbeddingTable table)
        {
            var (ids, values) = table.CopyRows();
            return new Onnx.EmbeddingRows(ids, values);
        }

        return new Onnx.TwoTowerWeights(Dimension, Rows(Users), Rows(Videos), Rows(Creators), Rows(Tags));
    }

    /// <summary>Every user's history, for snapshots.</summary>
    public IEnumerable<KeyValuePair<long, long[]>> Histories => _history;

    /// <summary>
    /// Replaces the learned state with a snapshot's: the four tables, the hashtag ids their rows are keyed by,
    /// and the histories. Registered videos keep their features, their hashtags re-resolved against the
    /// restored ids. Writer only.
    /// </summary>
    public void Restore(EmbeddingTable[] tables, IEnumerable<KeyValuePair<string, long>> hashtagIds, IEnumerable<KeyValuePair<long, long[]>> histories)
    {
        var names = _tagIds.ToDictionary(pair => pair.Value, pair => pair.Key);
        _tagIds.Clear();
        long highest = 0;
        foreach (var (tag, id) in hashtagIds)
        {
            _tagIds[tag] = id;
            highest = Math.Max(highest, id);
        }

        _nextTagId = highest;
        Volatile.Write(ref _tables, tables);
        _history.Clear();
        foreach (var (user, history) in histories)
        {
            _history[user] = history;
        }

        foreach (var (id, features) in _videos)
        {
            var tagNames = Array.ConvertAll(features.Tags, tag => names[tag]);
            _videos[id] = features with { Tags = [.. TagIds(tagNames).Distinct()] };
        }
    }

    /// <summary>Forgets a video's features (its rows expire on their own). Writer only.</summary>
    public bool RemoveVideo(long videoId)
    {
        if (!_videos.TryRemove(videoId, out var features))
        {
            return false;
        }

        Unindex(features);
        return true;
    }

    /// <summary>The registered videos of a creator (a live view, safe to enumerate while the writer changes it).</summary>
    public IEnumerable<long> VideosOf(long creatorId) =>
        _videosByCreator.TryGetValue(creatorId, out var videos) ? new ArraySegment<long>(videos.Items, 0, videos.Count) : [];

    private void Unindex(VideoFeatures features)
    {
        if (_videosByCreator.TryGetValue(features.CreatorId, out var videos))
        {
            _videosByCreator[features.CreatorId] = videos.Without(features.VideoId);
        }
    }

    /// <summary>The video tower's output for a registered video; false (and zeros) for an unknown one.</summary>
    public bool TryVideoVector(long videoId, Span<float> destination)
    {
        if (!_videos.TryGetValue(videoId, out var features))
        {
            destination.Clear();
            return false;
        }

        VideoVector(features, destination);
        return true;
    }

    public void VideoVector(VideoFeatures features, Span<float> destination)
    {
        Span<float> part = stackalloc float[Dimension];
        Videos.TryGet(features.VideoId, destination);
        Creators.TryGet(features.CreatorId, part);
        TensorPrimitives.Add(destination, part, destination);
        if (features.Tags.Length > 0)
        {
            Span<float> tags = stackalloc float[Dimension];
            tags.Clear();
            foreach (var tag in features.Tags)
            {
                Tags.TryGet(tag, part);
                TensorPrimitives.Add(tags, part, tags);
            }

            TensorPrimitives.MultiplyAdd(tags, 1f / features.Tags.Length, destination, destination);
        }
    }

    /// <summary>
    /// The user tower's output. False (and zeros) for a cold user: no row of their own and no history, so
    /// retrieval has nothing to go on and the caller falls back to exploration and popular videos.
    /// </summary>
    public bool TryUserVector(long userId, Span<float> destination)
    {
        var known = Users.TryGet(userId, destination);
        var history = History(userId);
        if (history.Length == 0)
        {
            return known;
        }

        Span<float> pooled = stackalloc float[Dimension];
        Span<float> video = stackalloc float[Dimension];
        pooled.Clear();
        var pooledCount = 0;
        foreach (var videoId in history)
        {
            if (TryVideoVector(videoId, video))
            {
                TensorPrimitives.Add(pooled, video, pooled);
                pooledCount++;
            }
        }

        if (pooledCount > 0)
        {
            TensorPrimitives.MultiplyAdd(pooled, 1f / pooledCount, destination, destination);
        }

        return known || pooledCount > 0;
    }

    /// <summary>The user's recent positive videos, oldest first (an immutable array).</summary>
    public ReadOnlySpan<long> History(long userId) => _history.TryGetValue(userId, out var history) ? history : [];

    /// <summary>Moves (or appends) <paramref name="videoId"/> to the newest end of the user's history. Writer only.</summary>
    public void RecordWatched(long userId, long videoId)
    {
        if (HistoryLength == 0)
        {
            return;
        }

        var current = History(userId);
        var kept = new List<long>(Math.Min(current.Length + 1, HistoryLength));
        var skip = Math.Max(0, current.Length + (current.Contains(videoId) ? 0 : 1) - HistoryLength);
        foreach (var id in current)
        {
            if (id == videoId)
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            kept.Add(id);
        }

        kept.Add(videoId);
        _history[userId] = [.. kept];
    }

    private void EnsureRow(EmbeddingTable table, int seedOffset, long id, Span<float> scratch)
    {
        if (!table.TryGet(id, scratch))
        {
            // Same seeded start as an admitted row would get, but without waiting for admission: a catalog
            // entity is known to exist, it is not a one-off id.
            SplitMix64.FillUniform(_seed + seedOffset, id, InitialScale, scratch);
            table.Set(id, scratch);
        }
    }

    private static EmbeddingTableOptions WithSeed(EmbeddingTableOptions source, int seed) => new()
    {
        Dimension = source.Dimension,
        Storage = source.Storage,
        AdmissionThreshold = source.AdmissionThreshold,
        ExpireAfter = source.ExpireAfter,
        InitialScale = source.InitialScale,
        Seed = seed,
    };
}

/// <summary>A registered video's features, immutable; a struct so the catalog index holds it inline (memory per video).</summary>
internal readonly record struct VideoFeatures(long VideoId, long CreatorId, long[] Tags, long PublishedTicks);

/// <summary>
/// A creator's videos as an immutable view (items, count) over an array the writer only appends to past every
/// view's count, so appends cost no copy and a reader's view never changes; removal copies.
/// </summary>
internal sealed class VideoList(long[] items, int count)
{
    public static readonly VideoList Empty = new([], 0);

    public long[] Items { get; } = items;

    public int Count { get; } = count;

    public VideoList Append(long videoId)
    {
        var items = Items;
        if (Count == items.Length)
        {
            Array.Resize(ref items, Math.Max(4, items.Length * 2));
        }

        items[Count] = videoId;
        return new VideoList(items, Count + 1);
    }

    public VideoList Without(long videoId)
    {
        var index = Array.IndexOf(Items, videoId, 0, Count);
        if (index < 0)
        {
            return this;
        }

        var items = new long[Math.Max(4, Count)];
        Array.Copy(Items, items, index);
        Array.Copy(Items, index + 1, items, index, Count - index - 1);
        return new VideoList(items, Count - 1);
    }
}
