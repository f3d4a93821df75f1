using System.Buffers;
using Microsoft.Extensions.Logging;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// Appends to one upload holding at most one part in memory: a pooled buffer of PartSizeBytes that is sent
/// as the next multipart part whenever it fills. At a commit, the bytes short of a part go to a tail object.
/// </summary>
/// <remarks>
/// The writer sends a full part before taking more bytes, so a slow S3 slows the client (back-pressure)
/// rather than growing memory. Parts sent after the last commit are not in the committed state: a rollback
/// or a crash reuses their numbers, and completion lists only committed parts.
/// </remarks>
internal sealed class S3UploadWriter : IUploadDataWriter
{
    /// <summary>S3's limit on parts per multipart upload.</summary>
    internal const int MaxParts = 10_000;

    private readonly S3StorageBucket _bucket;
    private readonly ArrayPool<byte> _pool;
    private readonly ILogger _logger;
    private readonly string _uploadId;
    private readonly string _key;
    private readonly int _capacity;
    private readonly List<S3PartRecord> _parts;
    private S3UploadState _committed;
    private string _committedJson;
    private string? _supersededTailKey;
    private byte[]? _buffer;
    private int _count;
    private long _position;
    private bool _rollbackFailed;

    private S3UploadWriter(S3StorageBucket bucket, ArrayPool<byte> pool, ILogger logger, string uploadId, S3UploadState state, string stateJson, int capacity)
    {
        _bucket = bucket;
        _pool = pool;
        _logger = logger;
        _uploadId = uploadId;
        _key = bucket.UploadKey(uploadId);
        _committed = state;
        _committedJson = stateJson;
        _parts = new List<S3PartRecord>(state.Parts);
        _capacity = capacity;
        _position = state.Length;
    }

    public long Position => _position;

    /// <summary>Opens at the committed state, reading the committed tail back into the part buffer.</summary>
    public static async ValueTask<S3UploadWriter> OpenAsync(
        S3StorageBucket bucket, ArrayPool<byte> pool, ILogger logger, string uploadId, S3UploadState state, string stateJson, CancellationToken cancellationToken)
    {
        // A tail is shorter than the part size it was written with; should PartSizeBytes have shrunk since,
        // the buffer grows to hold it rather than splitting it.
        var capacity = (int)Math.Max(bucket.Options.PartSizeBytes, state.TailSize);
        var writer = new S3UploadWriter(bucket, pool, logger, uploadId, state, stateJson, capacity);
        try
        {
            writer._buffer = pool.Rent(capacity);
            await writer.LoadCommittedTailAsync(cancellationToken).ConfigureAwait(false);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = UsableBuffer();
        if (data.Length < _capacity - _count)
        {
            // Fast path: the bytes fit without filling the part, nothing to send.
            data.Span.CopyTo(buffer.AsSpan(_count));
            _count += data.Length;
            _position += data.Length;
            return default;
        }

        return WriteSlowAsync(data, cancellationToken);
    }

    public async ValueTask<string?> CommitAsync(CancellationToken cancellationToken)
    {
        var buffer = UsableBuffer();
        if (_position == _committed.Length)
        {
            return _committedJson;
        }

        if (_count == _capacity)
        {
            // A full buffer is a part, never a tail: tails must stay under the part size.
            await SendPartAsync(cancellationToken).ConfigureAwait(false);
        }

        var generation = _committed.Generation;
        string? tailKey = null;
        if (_count > 0)
        {
            // A new key per commit: the tail of the state the engine persisted stays intact until it
            // persists the one returned here.
            generation++;
            tailKey = _bucket.TailKey(_uploadId, generation);
            await _bucket.PutAsync(tailKey, buffer, _count, cancellationToken).ConfigureAwait(false);
        }

        var next = new S3UploadState
        {
            MultipartUploadId = _committed.MultipartUploadId,
            Parts = _parts.ToArray(),
            TailKey = tailKey,
            TailSize = _count,
            Generation = generation,
        };
        var nextJson = next.ToJson();

        // The engine persists each commit's state before committing again, so the tail the previous
        // commit replaced is referenced by no persisted state any more; the one replaced now still may be.
        var obsolete = _supersededTailKey;
        _supersededTailKey = _committed.TailKey;
        _committed = next;
        _committedJson = nextJson;
        if (obsolete is not null)
        {
            await DeleteObsoleteTailAsync(obsolete, cancellationToken).ConfigureAwait(false);
        }

        return nextJson;
    }

    public async ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        var committedParts = _committed.Parts.Count;
        _position = _committed.Length;
        if (_parts.Count == committedParts && !_rollbackFailed)
        {
            // No part was sent since the commit, so the committed tail still heads the buffer.
            _count = (int)_committed.TailSize;
            return;
        }

        // The committed tail went out inside a part that is now discarded: read it back.
        _parts.RemoveRange(committedParts, _parts.Count - committedParts);
        _rollbackFailed = true;
        await LoadCommittedTailAsync(cancellationToken).ConfigureAwait(false);
        _rollbackFailed = false;
    }

    public ValueTask DisposeAsync()
    {
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }

        return default;
    }

    private async ValueTask WriteSlowAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = UsableBuffer();
        while (!data.IsEmpty)
        {
            // Send lazily, when more bytes arrive: a buffer that is full at a commit becomes a part there.
            if (_count == _capacity)
            {
                await SendPartAsync(cancellationToken).ConfigureAwait(false);
            }

            var n = Math.Min(_capacity - _count, data.Length);
            data.Span[..n].CopyTo(buffer.AsSpan(_count));
            _count += n;
            _position += n;
            data = data[n..];
        }
    }

    private async ValueTask SendPartAsync(CancellationToken cancellationToken)
    {
        var number = _parts.Count + 1;
        if (number > MaxParts)
        {
            throw new InvalidOperationException(
                $"Upload {_uploadId} needs more than {MaxParts} S3 parts of {_capacity} bytes; raise Storage:S3:PartSizeBytes.");
        }

        var etag = await _bucket.UploadPartAsync(_key, _committed.MultipartUploadId, number, _buffer!, _count, cancellationToken)
            .ConfigureAwait(false);
        _parts.Add(new S3PartRecord(number, etag, _count));
        _count = 0;
    }

    private async ValueTask LoadCommittedTailAsync(CancellationToken cancellationToken)
    {
        _count = 0;
        if (_committed.TailKey is { } tailKey)
        {
            var size = (int)_committed.TailSize;
            await _bucket.ReadExactlyAsync(tailKey, _buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            _count = size;
        }
    }

    private async ValueTask DeleteObsoleteTailAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _bucket.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3Errors.IsRemoteFailure(e))
        {
            // The commit itself succeeded; failing it now would make the engine roll back durable bytes.
            S3Log.CleanupFailed(_logger, e, key);
        }
    }

    private byte[] UsableBuffer()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_rollbackFailed)
        {
            throw new InvalidOperationException($"The last rollback of upload {_uploadId} failed; roll back again or reopen the writer.");
        }

        return _buffer;
    }
}
