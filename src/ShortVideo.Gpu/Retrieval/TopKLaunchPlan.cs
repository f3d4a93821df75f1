using System.Numerics;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// How one top-k call is split over the GPU: the warp-queue length, how many queries share a block, and the
/// chunks of rows that phase 1 scans in parallel (more than one chunk adds phase 2, the merge).
/// </summary>
/// <param name="QueueLength">k rounded up to a power of two, at least 32: each warp keeps this many candidates.</param>
/// <param name="QueriesPerBlock">1, 2, 4 or 8: the warps of a block split between this many queries.</param>
/// <param name="QueryGroups">Blocks along the grid's y: the batch in groups of <paramref name="QueriesPerBlock"/>.</param>
/// <param name="Chunks">Blocks along the grid's x: row ranges scanned independently.</param>
/// <param name="RowsPerChunk">Rows of each chunk but the last; a multiple of the 256-row tile.</param>
internal readonly record struct TopKLaunchPlan(int QueueLength, int QueriesPerBlock, int QueryGroups, int Chunks, int RowsPerChunk)
{
    // Blocks per multiprocessor aimed at: the scan's shared memory (45 KiB of tiles plus 8 warps x k x 8 bytes
    // of queues) fits two to four blocks on an SM of 164-228 KiB; one wave of two per SM keeps every SM busy
    // without splitting the rows so finely that phase 2 has much to merge.
    private const int BlocksPerMultiprocessor = 2;

    // A chunk hands k of its rows to phase 2, so chunks of at least 8 x the queue (and 4096 rows) keep phase 2's
    // input under an eighth of the catalog; below that, more chunks only move work into the one-block-per-query merge.
    private const int MinRowsPerQueueEntry = 8;
    private const int MinRowsPerChunk = 4096;

    /// <summary>True when phase 1 leaves more than one candidate list per query, so phase 2 must merge them.</summary>
    public bool NeedsMerge => Chunks > 1;

    /// <summary>The plan for <paramref name="batch"/> queries of <paramref name="k"/> (already at most <paramref name="rows"/>) over <paramref name="rows"/> rows.</summary>
    public static TopKLaunchPlan For(int rows, int batch, int k, int multiprocessors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiprocessors, 1);
        var queueLength = Math.Max(TopKKernels.MinQueueLength, (int)BitOperations.RoundUpToPowerOf2((uint)k));
        var queriesPerBlock = Math.Min(TopKKernels.MaxQueriesPerBlock, (int)BitOperations.RoundUpToPowerOf2((uint)batch));
        var groups = Ceiling(batch, queriesPerBlock);
        var wanted = Ceiling(BlocksPerMultiprocessor * multiprocessors, groups);
        var most = Math.Max(1, rows / Math.Max(MinRowsPerChunk, MinRowsPerQueueEntry * queueLength));
        var chunks = Math.Clamp(wanted, 1, most);
        var rowsPerChunk = Ceiling(Ceiling(rows, chunks), TopKKernels.TileRows) * TopKKernels.TileRows;
        return new TopKLaunchPlan(queueLength, queriesPerBlock, groups, Ceiling(rows, rowsPerChunk), rowsPerChunk);
    }

    private static int Ceiling(int value, int divisor) => (int)(((long)value + divisor - 1) / divisor);
}
