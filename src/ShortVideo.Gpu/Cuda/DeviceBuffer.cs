namespace ShortVideo.Gpu.Cuda;

/// <summary>
/// One device allocation that only grows: buffers are sized for the largest batch seen, so a steady
/// workload allocates nothing per query (cuMemAlloc synchronizes the device and costs far more than a launch).
/// </summary>
internal sealed class DeviceBuffer(CudaDriver driver) : IDisposable
{
    // Growth by half again: a catalog or batch that grows step by step reallocates O(log n) times.
    private const double Headroom = 1.5;

    /// <summary>The device address; 0 until the first <see cref="Ensure"/> with a positive size.</summary>
    public ulong Address { get; private set; }

    public long Capacity { get; private set; }

    /// <summary>
    /// Makes the buffer hold at least <paramref name="bytes"/>; a larger one replaces it. With
    /// <paramref name="preserve"/> the old contents are copied on the device, otherwise they are dropped.
    /// </summary>
    public void Ensure(long bytes, bool preserve = false)
    {
        if (bytes <= Capacity)
        {
            return;
        }

        var capacity = Math.Max(bytes, (long)(Capacity * Headroom));
        var address = driver.Allocate(capacity);
        if (preserve && Capacity > 0)
        {
            try
            {
                driver.CopyOnDevice(address, Address, Capacity);
            }
            catch (CudaException)
            {
                driver.Free(address);
                throw;
            }
        }

        Release();
        Address = address;
        Capacity = capacity;
    }

    public void Dispose() => Release();

    private void Release()
    {
        if (Address != 0)
        {
            driver.Free(Address);
            Address = 0;
            Capacity = 0;
        }
    }
}
