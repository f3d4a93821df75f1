using System.Buffers;

namespace ShortVideo.Hosting.Tests.Storage.S3;

/// <summary>An array pool that counts the bytes out on loan and their peak, to check a writer's memory bound.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly Lock _gate = new();
    private long _outstanding;

    public long OutstandingBytes
    {
        get
        {
            lock (_gate)
            {
                return _outstanding;
            }
        }
    }

    public long PeakBytes { get; private set; }

    public int Rents { get; private set; }

    public override byte[] Rent(int minimumLength)
    {
        lock (_gate)
        {
            _outstanding += minimumLength;
            PeakBytes = Math.Max(PeakBytes, _outstanding);
            Rents++;
        }

        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_gate)
        {
            _outstanding -= array.Length;
        }
    }
}
