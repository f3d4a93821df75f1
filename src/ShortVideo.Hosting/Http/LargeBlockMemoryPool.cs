using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace ShortVideo.Hosting.Http;

/// <summary>
/// Kestrel's transport memory pool with large blocks (Server:ReceiveBlockBytes, 1 MiB by default) instead of
/// 4 KiB. Kestrel receives into one pool block per recv() call, so upload bodies arrive in large reads: far
/// fewer syscalls, wake-ups and pipe segments per byte (measured with `svctl bench upload`, see the issue note).
/// Blocks are pinned (sockets pin them anyway) and at most <see cref="MaxRetainedBytes"/> of them are kept idle.
/// </summary>
internal sealed class LargeBlockMemoryPool(int blockSize) : MemoryPool<byte>
{
    // Idle blocks kept for reuse, in bytes (64 busy uploads hold about 64 MiB: Kestrel buffers up to 1 MiB each).
    private const long MaxRetainedBytes = 256L * 1024 * 1024;

    private readonly ConcurrentQueue<byte[]> _idle = new();
    private readonly int _maxRetainedBlocks = (int)Math.Max(16, MaxRetainedBytes / blockSize);
    private int _idleCount;
    private bool _disposed;

    public int BlockSize { get; } = blockSize;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
        }
        else
        {
            block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        }

        return new Lease(this, block);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _idle.Clear();
    }

    private void Return(byte[] block)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _maxRetainedBlocks)
        {
            _idle.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref _idleCount);
        }
    }

    private sealed class Lease(LargeBlockMemoryPool pool, byte[] block) : IMemoryOwner<byte>
    {
        private byte[]? _block = block;

        public Memory<byte> Memory => _block ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _block, null) is { } returned)
            {
                pool.Return(returned);
            }
        }
    }
}

/// <summary>Hands Kestrel the large-block pool (resolved from DI by Kestrel's socket transport).</summary>
internal sealed class LargeBlockMemoryPoolFactory(int blockSize) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool(blockSize);
}
