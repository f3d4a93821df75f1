using System.Buffers.Binary;

namespace ShortVideo.Ranking.Embeddings;

// Snapshot format, version 1, little-endian:
//   header (48 bytes): magic "SVEMBTBL", int32 version, int32 dimension, int32 storage (0 fp32, 1 fp16),
//     int32 sketch seed, int64 row count, int32 sketch depth, int32 sketch width, int64 sightings since decay
//   ids: count x int64 | last touched: count x int64 UTC ticks | rows: count x (dimension x 4 or 2 bytes,
//     the stored bits) | admission sketch counters: depth x width bytes | SHA-256 of all the bytes above.
// Rows are written compactly (free slots skipped); a load puts them in slots 0..count-1.
internal sealed partial class EmbeddingTable
{
    private const int FormatVersion = 1;
    private const int HeaderBytes = 48;
    private static readonly byte[] Magic = "SVEMBTBL"u8.ToArray();

    /// <summary>Every id with a row and its values (fp16 widened), row-major: for exporting the model. Writer only.</summary>
    public (long[] Ids, float[] Values) CopyRows()
    {
        var ids = new List<long>(_count);
        var values = new List<float>(_count * _dimension);
        var row = new float[_dimension];
        for (var slot = 0; slot < _handedOut; slot++)
        {
            var chunk = _chunks[slot >> EmbeddingRowChunk.Shift];
            var index = slot & EmbeddingRowChunk.Mask;
            if (chunk.Touched[index] != EmbeddingRowChunk.Free)
            {
                chunk.Read(index, row);
                ids.Add(chunk.Ids[index]);
                values.AddRange(row);
            }
        }

        return ([.. ids], [.. values]);
    }

    /// <summary>Writes every row, its last-touched time and the admission counters. Writer only.</summary>
    public async Task SaveAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new SnapshotWriter(destination);
        await writer.ReserveAsync(HeaderBytes, cancellationToken).ConfigureAwait(false);
        WriteHeader(writer.Take(HeaderBytes));
        await WriteColumnAsync(writer, touched: false, cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(writer, touched: true, cancellationToken).ConfigureAwait(false);
        for (var slot = 0; slot < _handedOut; slot++)
        {
            var chunk = _chunks[slot >> EmbeddingRowChunk.Shift];
            if (chunk.Touched[slot & EmbeddingRowChunk.Mask] != EmbeddingRowChunk.Free)
            {
                await writer.ReserveAsync(BytesPerRow, cancellationToken).ConfigureAwait(false);
                chunk.RowBytes(slot & EmbeddingRowChunk.Mask).CopyTo(writer.Take(BytesPerRow));
            }
        }

        for (var offset = 0; offset < _sketch.Counters.Length; offset += SnapshotWriter.BufferSize)
        {
            await writer.ReserveAsync(SnapshotWriter.BufferSize, cancellationToken).ConfigureAwait(false);
            _sketch.Counters.Slice(offset, SnapshotWriter.BufferSize).CopyTo(writer.Take(SnapshotWriter.BufferSize));
        }

        await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves to <paramref name="path"/> atomically: a temporary file in the same directory is written,
    /// flushed to disk and renamed over the target, so a crash leaves the old snapshot or the new one,
    /// never a mix. Writer only.
    /// </summary>
    public async Task SaveToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Buffer size 1: the snapshot writer already hands the stream 64 KiB blocks.
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await SaveAsync(file, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            // rename(2) replaces the target atomically; the directory entry itself reaches the disk with
            // the file system's next metadata flush (old or new snapshot, both whole).
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Reads a snapshot written by <see cref="SaveAsync"/> into a new table. A truncated or corrupted
    /// snapshot, or one whose dimension or storage differs from <paramref name="options"/>, throws
    /// <see cref="InvalidDataException"/> with a sentence saying why; nothing is loaded.
    /// </summary>
    public static async Task<EmbeddingTable> LoadAsync(Stream source, EmbeddingTableOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var length = source.CanSeek ? source.Length - source.Position : -1;
        using var reader = new SnapshotReader(source);
        await reader.EnsureAsync(HeaderBytes, "header", cancellationToken).ConfigureAwait(false);
        var (count, sketchSeed, sinceDecay) = ReadHeader(reader.Take(HeaderBytes), options, length);

        var table = new EmbeddingTable(options, timeProvider, count);
        table._sketch = new AdmissionSketch(sketchSeed);
        var ids = await ReadColumnAsync(reader, count, "ids", cancellationToken).ConfigureAwait(false);
        var touched = await ReadColumnAsync(reader, count, "last-touched times", cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            await reader.EnsureAsync(table.BytesPerRow, "rows", cancellationToken).ConfigureAwait(false);
            var slot = table.AllocateSlot();
            var chunk = table._chunks[slot >> EmbeddingRowChunk.Shift];
            var row = slot & EmbeddingRowChunk.Mask;
            reader.Take(table.BytesPerRow).CopyTo(chunk.RowBytes(row));
            chunk.Ids[row] = ids[i];
            chunk.Touched[row] = touched[i];
        }

        var counters = new byte[AdmissionSketch.Depth * AdmissionSketch.Width];
        for (var offset = 0; offset < counters.Length; offset += SnapshotWriter.BufferSize)
        {
            await reader.EnsureAsync(SnapshotWriter.BufferSize, "admission counters", cancellationToken).ConfigureAwait(false);
            reader.Take(SnapshotWriter.BufferSize).CopyTo(counters.AsSpan(offset));
        }

        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);
        table._sketch.Restore(counters, sinceDecay);
        for (var slot = 0; slot < count; slot++)
        {
            if (!table._slots.TryAdd(ids[slot], slot))
            {
                throw new InvalidDataException($"The embedding snapshot is corrupt: id {ids[slot]} appears twice. Nothing was loaded.");
            }
        }

        table._count = count;
        return table;
    }

    /// <summary>Loads a snapshot file written by <see cref="SaveToFileAsync"/>; see <see cref="LoadAsync"/>.</summary>
    public static async Task<EmbeddingTable> LoadFromFileAsync(string path, EmbeddingTableOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await LoadAsync(file, options, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteHeader(Span<byte> header)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], _dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], (int)_storage);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], _sketch.Seed);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], _count);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], AdmissionSketch.Depth);
        BinaryPrimitives.WriteInt32LittleEndian(header[36..], AdmissionSketch.Width);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], _sketch.SinceDecay);
    }

    private static (int Count, int SketchSeed, long SinceDecay) ReadHeader(ReadOnlySpan<byte> header, EmbeddingTableOptions options, long length)
    {
        if (!header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("This is not an embedding snapshot: it does not start with SVEMBTBL. Nothing was loaded.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The embedding snapshot has format version {version}; this build reads version {FormatVersion}. Nothing was loaded.");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (dimension != options.Dimension)
        {
            throw new InvalidDataException($"The embedding snapshot holds rows of {dimension} dimensions, but the table is configured for {options.Dimension}. Nothing was loaded.");
        }

        var storage = (EmbeddingStorage)BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        if (storage != options.Storage)
        {
            throw new InvalidDataException($"The embedding snapshot stores {storage} rows, but the table is configured for {options.Storage}. Nothing was loaded.");
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        var depth = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(header[36..]);
        var sinceDecay = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);

        // A flipped bit in the header must not turn into a huge allocation before the checksum is reached.
        var expected = HeaderBytes + (count * (16L + RowBytes(dimension, storage))) + ((long)depth * width) + 32;
        if (count is < 0 or > int.MaxValue || depth != AdmissionSketch.Depth || width != AdmissionSketch.Width || sinceDecay < 0
            || (length >= 0 && length != expected))
        {
            throw new InvalidDataException("The embedding snapshot is truncated or corrupt: its header does not match its length. Nothing was loaded.");
        }

        return ((int)count, BinaryPrimitives.ReadInt32LittleEndian(header[20..]), sinceDecay);
    }

    private async ValueTask WriteColumnAsync(SnapshotWriter writer, bool touched, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < _handedOut; slot++)
        {
            var chunk = _chunks[slot >> EmbeddingRowChunk.Shift];
            var row = slot & EmbeddingRowChunk.Mask;
            if (chunk.Touched[row] != EmbeddingRowChunk.Free)
            {
                await writer.ReserveAsync(sizeof(long), cancellationToken).ConfigureAwait(false);
                BinaryPrimitives.WriteInt64LittleEndian(writer.Take(sizeof(long)), touched ? chunk.Touched[row] : chunk.Ids[row]);
            }
        }
    }

    private static async ValueTask<long[]> ReadColumnAsync(SnapshotReader reader, int count, string part, CancellationToken cancellationToken)
    {
        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            await reader.EnsureAsync(sizeof(long), part, cancellationToken).ConfigureAwait(false);
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(reader.Take(sizeof(long)));
        }

        return values;
    }
}
