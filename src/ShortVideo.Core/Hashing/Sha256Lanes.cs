using System.Collections.Concurrent;

namespace ShortVideo.Hashing;

/// <summary>
/// Hashes the appends of many concurrent uploads together, 16 at a time, with <see cref="MultiBufferSha256"/>.
/// Callers queue their append and await it; whoever finds a free leader slot drains the queue for everyone
/// (no dedicated thread). With fewer appends waiting than make a multi-buffer pass pay off, the leader hashes
/// them one by one with SHA-NI, so one upload alone is as fast as before. On a 2-core node with 64 uploads in
/// flight, SHA-256 fell from 46% of the node's CPU (perf) to about a quarter.
/// </summary>
internal static unsafe class Sha256Lanes
{
    // Below 9 busy lanes, 16-lane AVX-512 (2.6 GB/s for all lanes) loses to SHA-NI on one stream (1.4 GB/s).
    private const int MinimumLanes = 9;

    // Small appends are hashed in place: queueing costs more than hashing them.
    private const int MinimumBytes = 64 * 1024;

    // A leader hands off to the thread pool after this many batches, so its own request is not held forever.
    private const int BatchesPerTurn = 8;

    private static readonly ConcurrentQueue<Job> Pending = new();
    private static readonly int MaxLeaders = Math.Max(1, Environment.ProcessorCount / 2);
    private static int _leaders;

    /// <summary>Appends <paramref name="data"/> to <paramref name="hash"/>; both must stay untouched until the task completes.</summary>
    public static ValueTask AppendAsync(ResumableSha256 hash, ReadOnlyMemory<byte> data)
    {
        if (!MultiBufferSha256.IsSupported || data.Length < MinimumBytes)
        {
            hash.Append(data.Span);
            return ValueTask.CompletedTask;
        }

        var job = CreateJob(hash, data);
        Pending.Enqueue(job);
        Lead();
        return new ValueTask(job.Done.Task);
    }

    /// <summary>
    /// Hashes these appends as one batch on the calling thread, as a leader does with what it took from the
    /// queue: side by side when enough of them have whole blocks, one by one otherwise. Each hash at most once.
    /// </summary>
    public static void HashNow(IReadOnlyList<(ResumableSha256 Hash, ReadOnlyMemory<byte> Data)> appends)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(appends.Count, MultiBufferSha256.Lanes);
        var batch = new List<Job>(appends.Count);
        foreach (var (hash, data) in appends)
        {
            batch.Add(CreateJob(hash, data));
        }

        Process(batch);
        foreach (var job in batch)
        {
            job.Done.Task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Finishes a started block here, so the lanes see whole blocks only.</summary>
    private static Job CreateJob(ResumableSha256 hash, ReadOnlyMemory<byte> data)
    {
        var head = hash.TailLength == 0 ? 0 : Math.Min(64 - hash.TailLength, data.Length);
        hash.Append(data.Span[..head]);
        data = data[head..];
        var whole = data.Length & ~63;
        return new Job(hash, data[..whole], data[whole..]);
    }

    private static void Lead()
    {
        // Enqueue-then-check on the caller's side, release-then-recheck here: a job is never left without a leader.
        while (!Pending.IsEmpty)
        {
            if (Interlocked.Increment(ref _leaders) > MaxLeaders)
            {
                Interlocked.Decrement(ref _leaders);
                return;
            }

            var turns = 0;
            try
            {
                var batch = new List<Job>(MultiBufferSha256.Lanes);
                while (turns++ < BatchesPerTurn && TakeBatch(batch))
                {
                    Process(batch);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _leaders);
            }

            if (turns > BatchesPerTurn)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static _ => Lead(), null);
                return;
            }
        }
    }

    private static bool TakeBatch(List<Job> batch)
    {
        batch.Clear();
        while (batch.Count < MultiBufferSha256.Lanes && Pending.TryDequeue(out var job))
        {
            batch.Add(job);
        }

        return batch.Count > 0;
    }

    private static void Process(List<Job> batch)
    {
        try
        {
            if (batch.Count >= MinimumLanes && MultiBufferSha256.IsSupported)
            {
                HashTogether(batch);
            }

            foreach (var job in batch)
            {
                // Whatever the lanes did not take (all of it for a small batch) goes through SHA-NI.
                job.Hash.Append(job.Blocks.Span[job.BlocksHashed..]);
                job.Hash.Append(job.Tail.Span);
                job.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            foreach (var job in batch)
            {
                job.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Compresses the jobs' whole blocks side by side while at least <see cref="MinimumLanes"/> lanes still
    /// have blocks; the rest of each job is left for SHA-NI. Each lane's progress is in <see cref="Job.BlocksHashed"/>.
    /// </summary>
    private static void HashTogether(List<Job> batch)
    {
        var lanes = MultiBufferSha256.Lanes;
        var state = stackalloc uint[8 * lanes];
        var pointers = stackalloc byte*[lanes];
        var strides = stackalloc int[lanes];
        var handles = new System.Buffers.MemoryHandle[batch.Count];
        var padding = stackalloc byte[64];
        Span<uint> words = stackalloc uint[8];
        try
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                if (lane < batch.Count && !batch[lane].Blocks.IsEmpty)
                {
                    handles[lane] = batch[lane].Blocks.Pin();
                    pointers[lane] = (byte*)handles[lane].Pointer;
                    strides[lane] = 64;
                    batch[lane].Hash.ReadWords(words);
                    for (var w = 0; w < 8; w++)
                    {
                        state[(w * lanes) + lane] = words[w];
                    }
                }
                else
                {
                    pointers[lane] = padding;
                    strides[lane] = 0;
                }
            }

            while (true)
            {
                long step = long.MaxValue;
                var busy = 0;
                foreach (var job in batch)
                {
                    var left = (job.Blocks.Length / 64) - (job.BlocksHashed / 64);
                    if (left > 0)
                    {
                        busy++;
                        step = Math.Min(step, left);
                    }
                }

                if (busy < MinimumLanes)
                {
                    break;
                }

                MultiBufferSha256.Compress(state, pointers, strides, step);
                for (var lane = 0; lane < batch.Count; lane++)
                {
                    var job = batch[lane];
                    if (strides[lane] == 0)
                    {
                        continue;
                    }

                    job.BlocksHashed += (int)(step * 64);
                    if (job.BlocksHashed == job.Blocks.Length)
                    {
                        // Done: take its words now, then park the lane on the padding (later passes scramble it).
                        TakeWords(state, lane, job);
                        pointers[lane] = padding;
                        strides[lane] = 0;
                    }
                }
            }

            // Lanes left with blocks when too few were busy: their words so far; SHA-NI does the rest.
            for (var lane = 0; lane < batch.Count; lane++)
            {
                if (strides[lane] != 0 && batch[lane].BlocksHashed > 0)
                {
                    TakeWords(state, lane, batch[lane]);
                }
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    private static void TakeWords(uint* state, int lane, Job job)
    {
        Span<uint> words = stackalloc uint[8];
        for (var w = 0; w < 8; w++)
        {
            words[w] = state[(w * MultiBufferSha256.Lanes) + lane];
        }

        job.Hash.AdvanceWholeBlocks(words, job.BlocksHashed);
    }

    private sealed class Job(ResumableSha256 hash, ReadOnlyMemory<byte> blocks, ReadOnlyMemory<byte> tail)
    {
        public ResumableSha256 Hash { get; } = hash;

        public ReadOnlyMemory<byte> Blocks { get; } = blocks;

        public ReadOnlyMemory<byte> Tail { get; } = tail;

        /// <summary>Bytes of <see cref="Blocks"/> the lanes compressed.</summary>
        public int BlocksHashed { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
