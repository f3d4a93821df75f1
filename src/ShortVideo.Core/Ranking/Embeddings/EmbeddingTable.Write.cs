using System.Numerics.Tensors;

namespace ShortVideo.Ranking.Embeddings;

// The writer's side: admission, learner writes, expiry. One thread at a time (see the class remarks).
internal sealed partial class EmbeddingTable
{
    // Largest magnitude fp16 holds; anything above would be stored as infinity.
    private const float HalfMax = 65504f;

    private readonly Stack<int> _free = new();
    private readonly float[] _scratch;
    private AdmissionSketch _sketch;
    private int _handedOut;

    /// <summary>
    /// Records a sighting of <paramref name="id"/>: touches its row, or counts it towards admission and
    /// gives it a freshly initialised row once it was seen <see cref="EmbeddingTableOptions.AdmissionThreshold"/>
    /// times. Returns whether the id has a row now. Writer only.
    /// </summary>
    public bool Observe(long id)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (_slots.TryGetValue(id, out var slot))
        {
            _chunks[slot >> EmbeddingRowChunk.Shift].Touched[slot & EmbeddingRowChunk.Mask] = now;
            return true;
        }

        if (_sketch.Increment(id) < _options.AdmissionThreshold)
        {
            return false;
        }

        SplitMix64.FillUniform(_options.Seed, id, _options.InitialScale, _scratch);
        Publish(AllocateSlot(), id, now, _scratch);
        return true;
    }

    /// <summary>
    /// Stores <paramref name="values"/> as the row of <paramref name="id"/>, giving the id a row if it has
    /// none (an explicit write bypasses admission). Throws <see cref="ArgumentException"/> and stores
    /// nothing if a value is NaN, infinite, or too large for fp16 storage. Writer only.
    /// </summary>
    public void Set(long id, ReadOnlySpan<float> values)
    {
        EnsureStorable(id, values, nameof(values));
        var now = _time.GetUtcNow().UtcTicks;
        if (_slots.TryGetValue(id, out var slot))
        {
            WriteRow(slot, id, now, values);
        }
        else
        {
            Publish(AllocateSlot(), id, now, values);
        }
    }

    /// <summary>
    /// Adds <paramref name="gradientStep"/> to the row of <paramref name="id"/>. Returns false, storing
    /// nothing, if the id has no row (not admitted yet). Throws <see cref="ArgumentException"/> and stores
    /// nothing if the step or the resulting row holds NaN or infinity (or overflows fp16). Writer only.
    /// </summary>
    public bool Update(long id, ReadOnlySpan<float> gradientStep)
    {
        EnsureStorable(id, gradientStep, nameof(gradientStep));
        if (!_slots.TryGetValue(id, out var slot))
        {
            return false;
        }

        // The writer is the only one changing rows, so it reads its own row without the seqlock.
        _chunks[slot >> EmbeddingRowChunk.Shift].Read(slot & EmbeddingRowChunk.Mask, _scratch);
        TensorPrimitives.Add(_scratch, gradientStep, _scratch);
        EnsureStorable(id, _scratch, nameof(gradientStep));
        WriteRow(slot, id, _time.GetUtcNow().UtcTicks, _scratch);
        return true;
    }

    /// <summary>
    /// Drops the rows not touched for <see cref="EmbeddingTableOptions.ExpireAfter"/> before
    /// <paramref name="now"/>; their slots are reused by later admissions. Returns how many were dropped.
    /// Writer only.
    /// </summary>
    public int Sweep(DateTimeOffset now)
    {
        var cutoff = now.UtcTicks - _options.ExpireAfter.Ticks;
        var dropped = 0;
        for (var slot = 0; slot < _handedOut; slot++)
        {
            var chunk = _chunks[slot >> EmbeddingRowChunk.Shift];
            var row = slot & EmbeddingRowChunk.Mask;
            var touched = chunk.Touched[row];
            if (touched == EmbeddingRowChunk.Free || touched > cutoff)
            {
                continue;
            }

            _slots.TryRemove(chunk.Ids[row], out _);
            Interlocked.Increment(ref chunk.Sequences[row]);
            chunk.Touched[row] = EmbeddingRowChunk.Free;
            Volatile.Write(ref chunk.Sequences[row], chunk.Sequences[row] + 1);
            _free.Push(slot);
            dropped++;
        }

        Volatile.Write(ref _count, _count - dropped);
        return dropped;
    }

    private void EnsureStorable(long id, ReadOnlySpan<float> values, string parameter)
    {
        if (values.Length != _dimension)
        {
            throw new ArgumentException($"The values hold {values.Length} elements; rows of this table have {_dimension}.", parameter);
        }

        // MaxMagnitude is NaN when any element is NaN, and NaN fails every comparison.
        var limit = _storage == EmbeddingStorage.Fp16 ? HalfMax : float.MaxValue;
        if (!(Math.Abs(TensorPrimitives.MaxMagnitude(values)) <= limit))
        {
            var what = _storage == EmbeddingStorage.Fp16 ? "NaN, infinity or a value beyond fp16's ±65504" : "NaN or infinity";
            throw new ArgumentException($"The row for id {id} would hold {what}; nothing was stored.", parameter);
        }
    }

    private int AllocateSlot()
    {
        if (_free.TryPop(out var reused))
        {
            return reused;
        }

        var slot = _handedOut++;
        if (slot == _chunkCount * EmbeddingRowChunk.Rows)
        {
            AddChunk();
        }

        return slot;
    }

    private void AddChunk()
    {
        var chunks = _chunks;
        if (_chunkCount == chunks.Length)
        {
            // Readers keep using the old table until they see the new one: both hold the same chunks.
            var grown = new EmbeddingRowChunk[chunks.Length * 2];
            chunks.CopyTo(grown, 0);
            chunks = grown;
        }

        chunks[_chunkCount] = new EmbeddingRowChunk(_dimension, _storage);
        Volatile.Write(ref _chunks, chunks);
        Volatile.Write(ref _chunkCount, _chunkCount + 1);
    }

    private void Publish(int slot, long id, long now, ReadOnlySpan<float> values)
    {
        WriteRow(slot, id, now, values);

        // The row is complete before its id becomes findable.
        _slots[id] = slot;
        Volatile.Write(ref _count, _count + 1);
    }

    private void WriteRow(int slot, long id, long now, ReadOnlySpan<float> values)
    {
        var chunk = _chunks[slot >> EmbeddingRowChunk.Shift];
        var row = slot & EmbeddingRowChunk.Mask;

        // Interlocked makes the sequence odd before any value store can be seen (a full fence); the
        // Volatile.Write that makes it even again is a release, so every value store is seen before it.
        Interlocked.Increment(ref chunk.Sequences[row]);
        chunk.Ids[row] = id;
        chunk.Touched[row] = now;
        chunk.Write(row, values);
        Volatile.Write(ref chunk.Sequences[row], chunk.Sequences[row] + 1);
    }
}
