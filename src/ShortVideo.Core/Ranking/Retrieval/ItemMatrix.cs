namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// The catalog's item vectors for exact top-k retrieval: N rows of dimension D, row-major, each row padded
/// with zeros to a multiple of 16 values and 64-byte aligned, in fixed-size native segments.
/// </summary>
/// <remarks>
/// <para>Concurrency: one writer at a time (writes take a private lock), any number of readers that never
/// wait. Every write publishes a new immutable <see cref="ItemMatrixSnapshot"/> with <c>Volatile.Write</c>;
/// a reader takes <see cref="Snapshot"/> once and scans it. Appends go into rows no snapshot can see yet,
/// so they copy nothing; an Update or Remove that touches a row an older snapshot can see first copies that
/// row's segment (copy-on-write, 256 KiB). A versioned single buffer with seqlocks would save those copies
/// but make readers retry, and a scan of a million rows retried under a steady write rate might never end.</para>
/// <para>Removal is swap-remove: the last row moves into the hole, so rows stay dense and the scan never
/// meets a gap; row indexes are therefore only meaningful within one snapshot.</para>
/// <para>The ranking engine owns the catalog's matrix; this type is public for retrieval backends of your own,
/// their tests and benchmarks (<c>svctl bench rank</c>), and anyone who wants exact top-k over their own vectors.</para>
/// </remarks>
public sealed partial class ItemMatrix
{
    private readonly Lock _writeLock = new();
    // Concurrent so ExclusionFor can look rows up without the write lock; only the writer changes it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _rowOf = new(concurrencyLevel: 1, capacity: 31);
    private long _lastRemovalVersion;
    private readonly List<ItemSegment> _segments = [];
    private ItemMatrixSnapshot _snapshot;
    private int _count;
    private long _version;

    /// <summary>An empty matrix of <paramref name="dimension"/>-value vectors (1 .. <see cref="MaxDimension"/>).</summary>
    public ItemMatrix(int dimension, VectorPrecision precision = VectorPrecision.Fp32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, MaxDimension);
        Layout = new ItemMatrixLayout(dimension, precision);
        _snapshot = new ItemMatrixSnapshot(Layout, [], 0, 0);
    }

    /// <summary>Embedding sizes beyond this are not a retrieval model; the bound keeps row offsets in an int.</summary>
    public const int MaxDimension = 4096;

    /// <summary>Row and segment geometry.</summary>
    public ItemMatrixLayout Layout { get; }

    /// <summary>Values per vector.</summary>
    public int Dimension => Layout.Dimension;

    /// <summary>How values are stored.</summary>
    public VectorPrecision Precision => Layout.Precision;

    /// <summary>The latest published version; never blocks.</summary>
    public ItemMatrixSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Items in the latest snapshot.</summary>
    public int Count => Snapshot.Count;

    /// <summary>Adds an item; an id already present is an <see cref="ArgumentException"/> (use <see cref="Update"/>).</summary>
    public void Add(long id, ReadOnlySpan<float> vector) => AddRange([id], vector);

    /// <summary>Adds <c>ids.Length</c> items (vectors row-major, <c>ids.Length x Dimension</c>) and publishes once.</summary>
    public void AddRange(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        CheckBatch(ids, vectors);

        lock (_writeLock)
        {
            var seen = new HashSet<long>();
            foreach (var id in ids)
            {
                if (_rowOf.ContainsKey(id) || !seen.Add(id))
                {
                    throw new ArgumentException($"Item {id} is already in the catalog; update it instead.", nameof(ids));
                }
            }

            for (var i = 0; i < ids.Length; i++)
            {
                var row = _count;
                WriteRow(row, ids[i], vectors.Slice(i * Dimension, Dimension));
                _rowOf[ids[i]] = row;
                _count++;
            }

            Publish();
        }
    }

    /// <summary>Replaces the vector of an existing item; false when the id is not in the catalog.</summary>
    public bool Update(long id, ReadOnlySpan<float> vector)
    {
        VectorValidation.Check(vector, Dimension, Precision, "item vector", nameof(vector));
        lock (_writeLock)
        {
            if (!_rowOf.TryGetValue(id, out var row))
            {
                return false;
            }

            WriteRow(row, id, vector);
            Publish();
            return true;
        }
    }

    /// <summary>
    /// Replaces the vectors of the listed items that are in the catalog (others are skipped) and publishes
    /// once, so a segment touched by several rows is copied once: the learner's coalesced write. Returns how
    /// many were updated. Every vector is checked before anything is written.
    /// </summary>
    public int UpdateRange(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        CheckBatch(ids, vectors);

        lock (_writeLock)
        {
            var updated = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                if (_rowOf.TryGetValue(ids[i], out var row))
                {
                    WriteRow(row, ids[i], vectors.Slice(i * Dimension, Dimension));
                    updated++;
                }
            }

            if (updated > 0)
            {
                Publish();
            }

            return updated;
        }
    }

    /// <summary>Removes an item (swap-remove); false when the id is not in the catalog.</summary>
    public bool Remove(long id)
    {
        lock (_writeLock)
        {
            if (!_rowOf.ContainsKey(id))
            {
                return false;
            }

            // Announced before any row moves (a full fence), so a lock-free ExclusionFor that overlaps the
            // removal sees it afterwards and falls back to scanning its snapshot.
            Interlocked.Exchange(ref _lastRemovalVersion, _version + 1);
            _rowOf.TryRemove(id, out var row);

            var last = _count - 1;
            if (row != last)
            {
                MoveRow(last, row);
            }

            _count--;
            Publish();
            return true;
        }
    }

    /// <summary>
    /// An exclusion filter over <paramref name="snapshot"/> for <paramref name="ids"/> (ids not in it are
    /// ignored), by row lookup: O(ids), not O(catalog), and without the write lock. Rows only move on removal,
    /// so the lookup is used when no removal happened since the snapshot; otherwise the snapshot is scanned.
    /// </summary>
    public ExclusionFilter ExclusionFor(ItemMatrixSnapshot snapshot, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ids);
        if (Interlocked.Read(ref _lastRemovalVersion) <= snapshot.Version)
        {
            var filter = new ExclusionFilter(snapshot.Count);
            foreach (var id in ids)
            {
                // Rows at or past the snapshot's count were appended after it and are not in it.
                if (_rowOf.TryGetValue(id, out var row) && row < snapshot.Count)
                {
                    filter.Exclude(row);
                }
            }

            Interlocked.MemoryBarrier();
            if (Interlocked.Read(ref _lastRemovalVersion) <= snapshot.Version)
            {
                return filter;
            }
        }

        return ExclusionFilter.ForIds(snapshot, ids as IReadOnlySet<long> ?? ids.ToHashSet());
    }

    /// <summary>
    /// Checks a batch whole before anything is written: a bad vector in the middle must not leave half a batch
    /// stored.
    /// </summary>
    private void CheckBatch(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        if ((long)ids.Length * Dimension != vectors.Length)
        {
            throw new ArgumentException($"{ids.Length} ids need {(long)ids.Length * Dimension} values ({Dimension} each) but {vectors.Length} were given.", nameof(vectors));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            VectorValidation.Check(vectors.Slice(i * Dimension, Dimension), Dimension, Precision, "item vector", nameof(vectors));
        }
    }

    /// <summary>Whether <paramref name="id"/> is in the catalog.</summary>
    public bool Contains(long id)
    {
        lock (_writeLock)
        {
            return _rowOf.ContainsKey(id);
        }
    }
}
