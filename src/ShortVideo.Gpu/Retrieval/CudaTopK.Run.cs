using System.Buffers;
using ShortVideo.Gpu.Cuda;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>One call on the device: sync the mirror, upload queries and filters, run both phases, read back, map rows to ids.</summary>
internal sealed unsafe partial class CudaTopK
{
    private (long Id, float Score)[][] Run(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, ExclusionFilter?[] filters, int k)
    {
        var layout = snapshot.Layout;
        var batch = filters.Length;
        var plan = TopKLaunchPlan.For(snapshot.Count, batch, k, Multiprocessors);
        var results = batch * k;
        var scores = ArrayPool<float>.Shared.Rent(results);
        var rows = ArrayPool<int>.Shared.Rent(results);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _driver.SetCurrentContext(_context);
                _mirror.Sync(snapshot);
                UploadQueries(queries, batch, layout);
                var filterWords = UploadFilters(filters, snapshot.Count);
                var candidates = (long)batch * plan.Chunks * k;
                _scratch.CandidateScores.Ensure(candidates * sizeof(float));
                _scratch.CandidateRows.Ensure(candidates * sizeof(int));
                _kernels.LaunchScan(
                    new TopKKernels.ScanArguments(
                        _mirror.Vectors, _mirror.Ids, snapshot.Count, layout.Stride, layout.Precision == VectorPrecision.Fp16,
                        _scratch.Queries.Address, batch, filterWords == 0 ? 0 : _scratch.Filters.Address,
                        filterWords == 0 ? 0 : _scratch.FilterOf.Address, filterWords, k,
                        _scratch.CandidateScores.Address, _scratch.CandidateRows.Address),
                    plan);
                var final = (Scores: _scratch.CandidateScores, Rows: _scratch.CandidateRows);
                if (plan.NeedsMerge)
                {
                    _scratch.ResultScores.Ensure((long)results * sizeof(float));
                    _scratch.ResultRows.Ensure((long)results * sizeof(int));
                    _kernels.LaunchMerge(
                        _scratch.CandidateScores.Address, _scratch.CandidateRows.Address, plan.Chunks * k, _mirror.Ids, k,
                        plan.QueueLength, batch, _scratch.ResultScores.Address, _scratch.ResultRows.Address);
                    final = (_scratch.ResultScores, _scratch.ResultRows);
                }

                _driver.Synchronize();
                fixed (float* s = scores)
                fixed (int* r = rows)
                {
                    _driver.CopyToHost(s, final.Scores.Address, (long)results * sizeof(float));
                    _driver.CopyToHost(r, final.Rows.Address, (long)results * sizeof(int));
                }
            }

            return Hits(snapshot, scores, rows, batch, k);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>Queries as the kernels read them: <c>batch x Stride</c> floats, each zero-padded like a stored row.</summary>
    private void UploadQueries(ReadOnlySpan<float> queries, int batch, ItemMatrixLayout layout)
    {
        var values = batch * layout.Stride;
        var padded = ArrayPool<float>.Shared.Rent(values);
        try
        {
            Array.Clear(padded, 0, values);
            for (var i = 0; i < batch; i++)
            {
                queries.Slice(i * layout.Dimension, layout.Dimension).CopyTo(padded.AsSpan(i * layout.Stride));
            }

            _scratch.Queries.Ensure((long)values * sizeof(float));
            fixed (float* p = padded)
            {
                _driver.CopyToDevice(_scratch.Queries.Address, p, (long)values * sizeof(float));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }
    }

    /// <summary>Each distinct filter once, and per query the index of its filter (-1: none); returns the words per filter, 0 when no query has one.</summary>
    private int UploadFilters(ExclusionFilter?[] filters, int rows)
    {
        var words = (rows + 63) / 64;
        var indexOf = new Dictionary<ExclusionFilter, int>(ReferenceEqualityComparer.Instance);
        var filterOf = new int[filters.Length];
        for (var i = 0; i < filters.Length; i++)
        {
            filterOf[i] = filters[i] is { } filter ? IndexOf(indexOf, filter) : -1;
        }

        if (indexOf.Count == 0)
        {
            return 0;
        }

        _scratch.Filters.Ensure((long)indexOf.Count * words * sizeof(ulong));
        foreach (var (filter, index) in indexOf)
        {
            fixed (ulong* p = filter.Words)
            {
                _driver.CopyToDevice(_scratch.Filters.Address + (ulong)((long)index * words * sizeof(ulong)), p, (long)words * sizeof(ulong));
            }
        }

        _scratch.FilterOf.Ensure((long)filterOf.Length * sizeof(int));
        fixed (int* p = filterOf)
        {
            _driver.CopyToDevice(_scratch.FilterOf.Address, p, (long)filterOf.Length * sizeof(int));
        }

        return words;
    }

    private static int IndexOf(Dictionary<ExclusionFilter, int> indexOf, ExclusionFilter filter)
    {
        if (!indexOf.TryGetValue(filter, out var index))
        {
            index = indexOf.Count;
            indexOf.Add(filter, index);
        }

        return index;
    }

    /// <summary>Each query's k (score, row) pairs, best first, as (id, score) hits; empty slots (row -1, fewer rows than k offered) end the list.</summary>
    private static (long Id, float Score)[][] Hits(ItemMatrixSnapshot snapshot, float[] scores, int[] rows, int batch, int k)
    {
        var hits = new (long Id, float Score)[batch][];
        for (var q = 0; q < batch; q++)
        {
            var first = q * k;
            var count = 0;
            while (count < k && rows[first + count] >= 0)
            {
                count++;
            }

            var list = new (long Id, float Score)[count];
            for (var i = 0; i < count; i++)
            {
                var row = rows[first + i];
                list[i] = (snapshot.IdAt(row), scores[first + i]);
            }

            hits[q] = list;
        }

        return hits;
    }

    /// <summary>Per-call device buffers, grown to the largest call and kept.</summary>
    private sealed class Scratch(CudaDriver driver) : IDisposable
    {
        public DeviceBuffer Queries { get; } = new(driver);

        public DeviceBuffer Filters { get; } = new(driver);

        public DeviceBuffer FilterOf { get; } = new(driver);

        public DeviceBuffer CandidateScores { get; } = new(driver);

        public DeviceBuffer CandidateRows { get; } = new(driver);

        public DeviceBuffer ResultScores { get; } = new(driver);

        public DeviceBuffer ResultRows { get; } = new(driver);

        public void Dispose()
        {
            Queries.Dispose();
            Filters.Dispose();
            FilterOf.Dispose();
            CandidateScores.Dispose();
            CandidateRows.Dispose();
            ResultScores.Dispose();
            ResultRows.Dispose();
        }
    }
}
