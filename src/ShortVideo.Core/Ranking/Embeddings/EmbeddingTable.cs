using System.Collections.Concurrent;

namespace ShortVideo.Ranking.Embeddings;

/// <summary>
/// Learned vectors keyed by a 64-bit id (a user or a video), read by many ranking threads while one
/// online learner writes them.
/// </summary>
/// <remarks>
/// <para>Ids map to slots through a real dictionary, so two ids never share a row (hashed buckets would
/// silently blend a popular video with an unrelated one). Rows live in fixed chunks that never move.</para>
/// <para>Concurrency: any number of readers (<see cref="TryGet"/>, <see cref="Count"/>) and ONE writer
/// (Observe, Set, Update, Sweep, SaveAsync) at a time. Readers take no lock: the dictionary's lookups are
/// lock-free and each row carries a seqlock. The writer makes the row's sequence odd, writes, then makes it
/// even again; a reader copies the row out between two reads of an equal, even sequence and otherwise
/// copies again, so it never returns half an update. A reader only repeats while the writer is inside that
/// one row (a copy of a few hundred bytes), it never waits for the writer's other work.</para>
/// <para>Internal rather than public: integrators configure <see cref="EmbeddingTableOptions"/>; the table is
/// driven by the ranker and learner, and its concurrency contract (one writer) is theirs to keep.</para>
/// </remarks>
internal sealed partial class EmbeddingTable
{
    // ConcurrentDictionary<long, int>: a 40-byte node per entry plus its share of the bucket array.
    // A_million_fp32_rows_of_64_dimensions_fit_in_a_gibibyte measured 332.4 live bytes per row in all,
    // of which 276.1 are chunk slots and 4.2 the sketch: 52 for the index.
    internal const int IndexBytesPerRow = 52;

    private readonly ConcurrentDictionary<long, int> _slots;
    private readonly int _dimension;
    private readonly EmbeddingStorage _storage;
    private readonly EmbeddingTableOptions _options;
    private readonly TimeProvider _time;
    private EmbeddingRowChunk[] _chunks = new EmbeddingRowChunk[4];
    private int _chunkCount;
    private int _count;

    /// <summary>Creates an empty table.</summary>
    public EmbeddingTable(EmbeddingTableOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, capacity: 0)
    {
    }

    private EmbeddingTable(EmbeddingTableOptions options, TimeProvider timeProvider, int capacity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _time = timeProvider;
        _dimension = options.Dimension;
        _storage = options.Storage;
        _scratch = new float[_dimension];
        _sketch = new AdmissionSketch(options.Seed);
        _slots = new ConcurrentDictionary<long, int>(concurrencyLevel: 1, capacity: Math.Max(capacity, 31));
    }

    public int Dimension => _dimension;

    public EmbeddingStorage Storage => _storage;

    /// <summary>Ids that have their own row.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes of one row's values (4 per element in fp32, 2 in fp16).</summary>
    public int BytesPerRow => RowBytes(_dimension, _storage);

    /// <summary>Slots allocated (live, free, and not yet handed out); grows by whole chunks.</summary>
    internal int Capacity => Volatile.Read(ref _chunkCount) * EmbeddingRowChunk.Rows;

    /// <summary>
    /// Memory the table holds: allocated chunks (row values and slot bookkeeping), the id index for the
    /// live rows, and the admission sketch.
    /// </summary>
    public long TotalBytes => ((long)Capacity * (BytesPerRow + EmbeddingRowChunk.SlotOverheadBytes))
        + ((long)Count * IndexBytesPerRow)
        + AdmissionSketch.Bytes;

    /// <summary>What <see cref="TotalBytes"/> would be for a table with <paramref name="rows"/> live rows.</summary>
    public static long EstimateTotalBytes(int dimension, EmbeddingStorage storage, long rows)
    {
        var slots = (rows + EmbeddingRowChunk.Mask) & ~(long)EmbeddingRowChunk.Mask;
        return (slots * (RowBytes(dimension, storage) + EmbeddingRowChunk.SlotOverheadBytes))
            + (rows * IndexBytesPerRow)
            + AdmissionSketch.Bytes;
    }

    /// <summary>
    /// Copies the row of <paramref name="id"/> into <paramref name="destination"/> (converting fp16) and
    /// returns true; if the id has no row yet, fills <paramref name="destination"/> with the shared
    /// fallback row (zeros) and returns false. Safe on any thread, concurrently with the writer.
    /// </summary>
    public bool TryGet(long id, Span<float> destination)
    {
        if (destination.Length != _dimension)
        {
            throw new ArgumentException($"The destination holds {destination.Length} elements; rows have {_dimension}.", nameof(destination));
        }

        if (_slots.TryGetValue(id, out var slot))
        {
            var chunk = Volatile.Read(ref _chunks)[slot >> EmbeddingRowChunk.Shift];
            var row = slot & EmbeddingRowChunk.Mask;
            var spinner = default(SpinWait);
            while (true)
            {
                var before = Volatile.Read(ref chunk.Sequences[row]);
                if ((before & 1) == 0)
                {
                    // The slot may have been swept and handed to another id since the lookup; the id and
                    // the free mark are read inside the same window as the values, so they agree.
                    var owned = chunk.Ids[row] == id && chunk.Touched[row] != EmbeddingRowChunk.Free;
                    if (owned)
                    {
                        chunk.Read(row, destination);
                    }

                    // Keeps the loads above from moving past the second sequence read (a no-op on x64).
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref chunk.Sequences[row]) == before)
                    {
                        if (owned)
                        {
                            return true;
                        }

                        break;
                    }
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        destination.Clear();
        return false;
    }

    private static int RowBytes(int dimension, EmbeddingStorage storage) =>
        dimension * (storage == EmbeddingStorage.Fp16 ? 2 : sizeof(float));
}
