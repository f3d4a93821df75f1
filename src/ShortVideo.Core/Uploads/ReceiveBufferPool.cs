using System.Collections.Concurrent;

namespace ShortVideo.Uploads;

/// <summary>
/// Buffers that PATCH bodies are received into: pinned (pinned-object heap, never moved) and starting at a
/// 4096-byte boundary, so an O_DIRECT store can write them to the device as they are instead of copying
/// them into aligned staging memory first. Retains what the busiest moment needed, up to a cap.
/// </summary>
internal sealed class ReceiveBufferPool(int bufferSize, int maxRetained)
{
    private const int Alignment = 4096;

    private readonly ConcurrentQueue<Memory<byte>> _idle = new();
    private int _idleCount;

    public int BufferSize { get; } = bufferSize;

    public Memory<byte> Rent()
    {
        if (_idle.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _idleCount);
            return buffer;
        }

        return AllocateAligned();
    }

    public void Return(Memory<byte> buffer)
    {
        if (Interlocked.Increment(ref _idleCount) <= maxRetained)
        {
            _idle.Enqueue(buffer);
        }
        else
        {
            Interlocked.Decrement(ref _idleCount);
        }
    }

    private unsafe Memory<byte> AllocateAligned()
    {
        // One spare page, then start at the first aligned address inside the array: pinned arrays never move,
        // so the alignment holds for the array's lifetime.
        var array = GC.AllocateUninitializedArray<byte>(BufferSize + Alignment, pinned: true);
        fixed (byte* start = array)
        {
            var skip = (int)((Alignment - ((nuint)start % Alignment)) % Alignment);
            return array.AsMemory(skip, BufferSize);
        }
    }
}
