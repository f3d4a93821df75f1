using ShortVideo.Gpu.Cuda;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// The two kernels of Cuda/Kernels/topk.cu, JIT-compiled from the embedded PTX, and their launch
/// parameters in the order the kernels declare them. The constants mirror topk.cu's #defines.
/// </summary>
internal sealed unsafe class TopKKernels : IDisposable
{
    /// <summary>The manifest name of the embedded PTX (csproj LogicalName).</summary>
    public const string PtxResource = "ShortVideo.Gpu.Cuda.Kernels.topk.ptx";

    public const string ScanEntry = "topk_scan";
    public const string MergeEntry = "topk_merge";

    /// <summary>Parameters of topk_scan and topk_merge, as <see cref="LaunchScan"/> and <see cref="LaunchMerge"/> pass them.</summary>
    public const int ScanParameters = 16;

    /// <inheritdoc cref="ScanParameters"/>
    public const int MergeParameters = 8;

    /// <summary>THREADS: every launch uses blocks of this many threads (8 warps).</summary>
    public const int Threads = 256;

    /// <summary>TILE_ROWS: a chunk of the scan is a whole number of tiles.</summary>
    public const int TileRows = 256;

    /// <summary>MAX_QUERIES_PER_BLOCK: a block's warps serve 1, 2, 4 or 8 queries.</summary>
    public const int MaxQueriesPerBlock = 8;

    /// <summary>The shortest warp queue: one entry per lane.</summary>
    public const int MinQueueLength = 32;

    private const int Warps = Threads / 32;

    // Tile (256 rows x 36 floats), query tile (8 x 32), tile scores (8 x 256): topk_scan's shared memory before the queues.
    private const int ScanFixedSharedBytes = ((256 * 36) + (8 * 32) + (8 * 256)) * sizeof(float);

    private readonly CudaDriver _driver;
    private readonly nint _module;
    private readonly nint _scan;
    private readonly nint _merge;

    private TopKKernels(CudaDriver driver, nint module, nint scan, nint merge)
    {
        _driver = driver;
        _module = module;
        _scan = scan;
        _merge = merge;
    }

    /// <summary>Shared memory of a topk_scan block: the tiles and 8 warp queues of <paramref name="queueLength"/> (score, row) pairs.</summary>
    public static int ScanSharedBytes(int queueLength) => ScanFixedSharedBytes + QueueBytes(queueLength);

    /// <summary>Shared memory of a topk_merge block: 8 warp queues.</summary>
    public static int MergeSharedBytes(int queueLength) => QueueBytes(queueLength);

    /// <summary>The embedded PTX, NUL-terminated as cuModuleLoadData wants it.</summary>
    public static byte[] Ptx()
    {
        using var stream = typeof(TopKKernels).Assembly.GetManifestResourceStream(PtxResource)
            ?? throw new InvalidOperationException($"The assembly lacks the embedded resource {PtxResource}.");
        var bytes = new byte[stream.Length + 1];
        stream.ReadExactly(bytes.AsSpan(0, (int)stream.Length));
        return bytes;
    }

    /// <summary>Loads the module in the current context and opts both kernels in to the shared memory of <paramref name="maxQueueLength"/>.</summary>
    public static TopKKernels Load(CudaDriver driver, int maxQueueLength)
    {
        var module = driver.LoadModule(Ptx());
        try
        {
            var scan = driver.GetFunction(module, ScanEntry);
            var merge = driver.GetFunction(module, MergeEntry);
            driver.SetMaxDynamicSharedMemory(scan, ScanSharedBytes(maxQueueLength));
            driver.SetMaxDynamicSharedMemory(merge, MergeSharedBytes(maxQueueLength));
            return new TopKKernels(driver, module, scan, merge);
        }
        catch (CudaException)
        {
            driver.UnloadModule(module);
            throw;
        }
    }

    /// <summary>Phase 1 (topk_scan's parameters, in order); grid: chunks x query groups.</summary>
    public void LaunchScan(in ScanArguments a, TopKLaunchPlan plan)
    {
        var items = a.Items;
        var ids = a.Ids;
        var rows = a.Rows;
        var stride = a.Stride;
        var half = a.HalfPrecision ? 1 : 0;
        var queries = a.Queries;
        var batch = a.Batch;
        var filters = a.Filters;
        var filterOf = a.FilterOf;
        var filterWords = a.FilterWords;
        var k = a.K;
        var queueLength = plan.QueueLength;
        var rowsPerChunk = plan.RowsPerChunk;
        var queriesPerBlock = plan.QueriesPerBlock;
        var outScore = a.OutScores;
        var outRow = a.OutRows;
        var arguments = stackalloc void*[ScanParameters]
        {
            &items, &ids, &rows, &stride, &half, &queries, &batch, &filters, &filterOf, &filterWords,
            &k, &queueLength, &rowsPerChunk, &queriesPerBlock, &outScore, &outRow,
        };
        _driver.Launch(_scan, (uint)plan.Chunks, (uint)plan.QueryGroups, Threads, (uint)ScanSharedBytes(plan.QueueLength), arguments);
    }

    /// <summary>Phase 2 (topk_merge's parameters, in order); grid: one block per query.</summary>
    public void LaunchMerge(ulong inScores, ulong inRows, int perQuery, ulong ids, int k, int queueLength, int batch, ulong outScores, ulong outRows)
    {
        var arguments = stackalloc void*[MergeParameters]
        {
            &inScores, &inRows, &perQuery, &ids, &k, &queueLength, &outScores, &outRows,
        };
        _driver.Launch(_merge, (uint)batch, 1, Threads, (uint)MergeSharedBytes(queueLength), arguments);
    }

    public void Dispose() => _driver.UnloadModule(_module);

    private static int QueueBytes(int queueLength) => Warps * queueLength * (sizeof(float) + sizeof(int));

    /// <summary>What topk_scan reads and writes: device addresses and sizes.</summary>
    public readonly record struct ScanArguments(
        ulong Items, ulong Ids, int Rows, int Stride, bool HalfPrecision, ulong Queries, int Batch,
        ulong Filters, ulong FilterOf, int FilterWords, int K, ulong OutScores, ulong OutRows);
}
