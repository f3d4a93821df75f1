using System.Globalization;
using ShortVideo.Gpu.Cuda;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// Exact top-k on an NVIDIA GPU (Cuda/Kernels/topk.cu), answering exactly like <see cref="CpuRetrievalBackend"/>: same
/// validation, same order (score descending, ties by id ascending), same ids; scores differ from the CPU's
/// only by float summation order. The item matrix is mirrored on the device and re-uploaded incrementally.
/// </summary>
/// <remarks>
/// <para>Calls are serialized on one lock: the device mirror and the scratch buffers are shared, and one call
/// already fills the GPU (many queries should come as one batch, not as parallel calls).</para>
/// <para>k above <see cref="MaxK"/> runs on the CPU: the warp queues live in shared memory, 8 warps x k x 8
/// bytes per block, and 1024 (64 KiB of queues beside 45 KiB of tiles) fits the shared memory a block may opt
/// in to on Ampere and Hopper (164-227 KiB); a device with less gets a smaller limit (Volta: 512). Feeds ask
/// for hundreds of candidates at most.</para>
/// </remarks>
internal sealed partial class CudaTopK : IRetrievalBackend, IDisposable
{
    private const int LargestQueue = 1024;

    // Larger batches run in slices of this many queries: the grid's y (query groups of 8) stays far below its
    // 65535 limit and the result buffers at 16384 x k x 8 bytes (128 MiB at k = 1024).
    private const int MaxQueriesPerLaunch = 16_384;

    // CUdevice_attribute values from cuda.h.
    private const int MultiprocessorCountAttribute = 16;
    private const int MaxSharedMemoryPerBlockOptInAttribute = 97;

    private readonly Lock _gate = new();
    private readonly CudaDriver _driver;
    private readonly nint _context;
    private readonly TopKKernels _kernels;
    private readonly DeviceItemMirror _mirror;
    private readonly Scratch _scratch;
    private bool _disposed;

    private CudaTopK(CudaDriver driver, GpuDevice device, nint context, int multiprocessors, int maxK, TopKKernels kernels)
    {
        _driver = driver;
        _context = context;
        Multiprocessors = multiprocessors;
        MaxK = maxK;
        _kernels = kernels;
        _mirror = new DeviceItemMirror(driver);
        _scratch = new Scratch(driver);
        Device = device;
        Name = string.Create(CultureInfo.InvariantCulture, $"GPU (CUDA, {device.Name}, compute capability {device.ComputeCapability})");
    }

    public string Name { get; }

    public GpuDevice Device { get; }

    /// <summary>The largest k answered on the GPU; larger ones run on the CPU.</summary>
    public int MaxK { get; }

    /// <summary>Bytes of the item matrix copied to the device so far.</summary>
    internal long UploadedBytes => _mirror.UploadedBytes;

    /// <summary>The device's multiprocessors, which <see cref="TopKLaunchPlan"/> sizes the grid for.</summary>
    internal int Multiprocessors { get; }

    /// <summary>
    /// Retains <paramref name="device"/>'s primary context of the driver in <paramref name="library"/> and
    /// JIT-compiles the kernels. Throws <see cref="CudaException"/> with the driver's reason (and the JIT's log
    /// when it rejects the PTX).
    /// </summary>
    public static CudaTopK Create(string library, GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var driver = CudaDriver.TryLoad(library, out var problem) ?? throw new CudaException("loading " + library, 0, problem!);
        var status = driver.Init();
        if (status != CudaErrors.Success)
        {
            throw new CudaException("cuInit", status, driver.ErrorName(status));
        }

        var context = driver.RetainPrimaryContext(device.Ordinal);
        try
        {
            driver.SetCurrentContext(context);
            var multiprocessors = Attribute(driver, device.Ordinal, MultiprocessorCountAttribute, "multiprocessor count");
            var sharedOptIn = Attribute(driver, device.Ordinal, MaxSharedMemoryPerBlockOptInAttribute, "shared memory per block");
            var queue = LargestQueue;
            while (queue > TopKKernels.MinQueueLength && TopKKernels.ScanSharedBytes(queue) > sharedOptIn)
            {
                queue /= 2;
            }

            var kernels = TopKKernels.Load(driver, queue);
            return new CudaTopK(driver, device, context, multiprocessors, queue, kernels);
        }
        catch (CudaException)
        {
            driver.ReleasePrimaryContext(device.Ordinal);
            throw;
        }
    }

    public (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null)
    {
        RetrievalArguments.CheckQuery(snapshot, query, k, filter);
        if (snapshot.Count == 0)
        {
            return [];
        }

        if (Math.Min(k, snapshot.Count) > MaxK)
        {
            return CpuRetrievalBackend.Instance.TopK(snapshot, query, k, filter);
        }

        return Run(snapshot, query, [filter], Math.Min(k, snapshot.Count))[0];
    }

    public (long Id, float Score)[][] TopKBatch(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default)
    {
        var perQuery = RetrievalArguments.CheckBatch(snapshot, queries, k, filters);
        if (snapshot.Count == 0)
        {
            var empty = new (long Id, float Score)[perQuery.Length][];
            Array.Fill(empty, []);
            return empty;
        }

        if (Math.Min(k, snapshot.Count) > MaxK)
        {
            return CpuRetrievalBackend.Instance.TopKBatch(snapshot, queries, k, filters);
        }

        if (perQuery.Length <= MaxQueriesPerLaunch)
        {
            return Run(snapshot, queries, perQuery, Math.Min(k, snapshot.Count));
        }

        var hits = new (long Id, float Score)[perQuery.Length][];
        for (var first = 0; first < perQuery.Length; first += MaxQueriesPerLaunch)
        {
            var count = Math.Min(MaxQueriesPerLaunch, perQuery.Length - first);
            var slice = Run(snapshot, queries.Slice(first * snapshot.Dimension, count * snapshot.Dimension), perQuery[first..(first + count)], Math.Min(k, snapshot.Count));
            slice.CopyTo(hits, first);
        }

        return hits;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _driver.SetCurrentContext(_context);
            _scratch.Dispose();
            _mirror.Dispose();
            _kernels.Dispose();
            _driver.ReleasePrimaryContext(Device.Ordinal);
        }
    }

    private static int Attribute(CudaDriver driver, int device, int attribute, string what)
    {
        var status = driver.DeviceAttribute(device, attribute, out var value);
        return status == CudaErrors.Success
            ? value
            : throw new CudaException($"cuDeviceGetAttribute({what})", status, driver.ErrorName(status));
    }
}
