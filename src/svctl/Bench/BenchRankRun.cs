using System.Diagnostics;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// Builds a seeded random catalog, then times in one run: the memory's streaming read rate, our retrieval on
/// the backend --device picks alternating with the OpenBLAS reference (when OpenBLAS is installed), the peak
/// FMA rate (batches only) and the naive baseline, each for at least the minimum time after a warm-up.
/// </summary>
internal static class BenchRankRun
{
    private const int Seed = 20261121;
    private const int QueryPool = 64;

    public static Task<BenchRankReport> RunAsync(BenchRankSettings settings, Action<string> status, CancellationToken cancellationToken) =>
        Task.Run(() => Run(settings, status, cancellationToken), cancellationToken);

    private static BenchRankReport Run(BenchRankSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var precision = settings.Fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32;
        status($"building {settings.Items} x {settings.Dim} {(settings.Fp16 ? "fp16" : "fp32")} catalog");
        var matrix = BuildCatalog(settings, precision, cancellationToken);

        var backend = Backend(settings.Device, status);
        try
        {
            return Measure(settings, backend, matrix, status, cancellationToken);
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }
    }

    private static BenchRankReport Measure(
        BenchRankSettings settings, IRetrievalBackend backend, ItemMatrix matrix, Action<string> status, CancellationToken cancellationToken)
    {
        var threads = Environment.ProcessorCount;
        var snapshot = matrix.Snapshot;
        var matrixBytes = (long)settings.Items * matrix.Layout.RowBytes;
        var queries = RandomValues(new Random(Seed + 1), QueryPool * settings.Batch * settings.Dim);
        status("measuring memory bandwidth");
        var memory = HardwareCeilings.StreamingReadGBps(matrixBytes, threads, settings.MinimumTime);

        var blas = BlasTopK.TryPrepare(settings.BlasLibrary, matrix.Layout.Precision, out var blasMissing);
        double batchesPerSecond;
        double? blasBatchesPerSecond = null;
        if (blas)
        {
            // Alternating calls, so load from other processes falls on both sides alike and the ratio holds.
            status($"timing retrieval on the {backend.Name} and the BLAS reference, alternating, batch {settings.Batch}");
            (batchesPerSecond, var reference) = AlternatingRates(
                settings.MinimumTime,
                i => Retrieve(backend, snapshot, queries, settings, i),
                i => BlasTopK.TopK(snapshot, Batch(queries, settings, i), settings.K),
                cancellationToken);
            blasBatchesPerSecond = reference;
        }
        else
        {
            status($"timing retrieval on the {backend.Name}, batch {settings.Batch}");
            batchesPerSecond = Rate(settings.MinimumTime, i => Retrieve(backend, snapshot, queries, settings, i), cancellationToken);
        }

        var qps = batchesPerSecond * settings.Batch;
        var scanned = batchesPerSecond * matrixBytes / 1e9;
        var gflops = 2.0 * settings.Items * settings.Dim * qps / 1e9;

        double? peak = null;
        if (settings.Batch > 1)
        {
            status("measuring peak FMA rate");
            peak = HardwareCeilings.PeakFmaGflops(threads, settings.MinimumTime);
        }

        status("timing the naive baseline");
        var first = queries.AsSpan(0, settings.Dim).ToArray();
        var baseline = Rate(settings.MinimumTime, _ => NaiveTopK.TopK(snapshot, first, settings.K), cancellationToken);
        var ours = backend.TopK(snapshot, first, settings.K);
        var verified = TopKAgreement.Agrees(NaiveTopK.TopK(snapshot, first, settings.K), ours);
        bool? blasVerified = blas ? TopKAgreement.Agrees(BlasTopK.TopK(snapshot, first, settings.K)[0], ours) : null;
        GC.KeepAlive(matrix);

        return new BenchRankReport
        {
            QueriesPerSecond = qps,
            ScannedGBps = scanned,
            MemoryGBps = memory,
            BandwidthFraction = scanned / memory,
            Gflops = gflops,
            PeakGflops = peak,
            PeakFraction = gflops / peak,
            BaselineQueriesPerSecond = baseline,
            Speedup = qps / baseline,
            BlasReference = blas ? BlasTopK.Describe(snapshot, settings.Batch) : $"not measured ({blasMissing})",
            BlasQueriesPerSecond = blasBatchesPerSecond * settings.Batch,
            RatioToBlas = batchesPerSecond / blasBatchesPerSecond,
            BlasVerified = blasVerified,
            Items = settings.Items,
            Dim = settings.Dim,
            K = settings.K,
            Batch = settings.Batch,
            Fp16 = settings.Fp16,
            Threads = threads,
            BytesPerItem = matrix.BytesPerItem,
            Backend = backend.Name,
            Verified = verified,
        };
    }

    private static ItemMatrix BuildCatalog(BenchRankSettings settings, VectorPrecision precision, CancellationToken cancellationToken)
    {
        const int Chunk = 65_536;
        var matrix = new ItemMatrix(settings.Dim, precision);
        var random = new Random(Seed);
        var ids = new long[Chunk];
        var vectors = new float[Chunk * settings.Dim];
        for (var start = 0; start < settings.Items; start += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Chunk, settings.Items - start);
            for (var i = 0; i < count; i++)
            {
                ids[i] = start + i;
            }

            for (var i = 0; i < count * settings.Dim; i++)
            {
                vectors[i] = (float)((random.NextDouble() * 2) - 1);
            }

            matrix.AddRange(ids.AsSpan(0, count), vectors.AsSpan(0, count * settings.Dim));
        }

        return matrix;
    }

    private static float[] RandomValues(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    /// <summary>The backend --device asks for; gpu without a usable GPU is a <see cref="BenchException"/> saying why.</summary>
    private static IRetrievalBackend Backend(RetrievalDevice device, Action<string> status)
    {
        if (device == RetrievalDevice.Cpu)
        {
            return CpuRetrievalBackend.Instance;
        }

        status("looking for a GPU");
        var gpu = RetrievalBackendSelector.TryCreateGpu(cudaDriverLibrary: null, out var reason);
        if (gpu is not null)
        {
            return gpu;
        }

        if (device == RetrievalDevice.Gpu)
        {
            throw new BenchException($"--device gpu but no GPU can run retrieval: {reason}");
        }

        status($"no GPU ({reason}); retrieval runs on the CPU");
        return CpuRetrievalBackend.Instance;
    }

    /// <summary>The batch of queries call <paramref name="iteration"/> scores (the pool cycles).</summary>
    private static ReadOnlySpan<float> Batch(float[] queries, BenchRankSettings settings, int iteration)
    {
        var size = settings.Batch * settings.Dim;
        return queries.AsSpan(iteration % QueryPool * size, size);
    }

    private static object Retrieve(IRetrievalBackend backend, ItemMatrixSnapshot snapshot, float[] queries, BenchRankSettings settings, int iteration)
    {
        var batch = Batch(queries, settings, iteration);
        return settings.Batch == 1
            ? backend.TopK(snapshot, batch, settings.K)
            : backend.TopKBatch(snapshot, batch, settings.K);
    }

    /// <summary>Calls per second of <paramref name="call"/>: two untimed warm-up calls, then as many as fit the minimum time (at least two).</summary>
    private static double Rate(TimeSpan minimum, Func<int, object> call, CancellationToken cancellationToken)
    {
        call(0);
        call(1);
        var clock = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 2 || clock.Elapsed < minimum)
        {
            cancellationToken.ThrowIfCancellationRequested();
            call(calls++);
        }

        return calls / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Calls per second of <paramref name="first"/> and of <paramref name="second"/>, called in turn (after two
    /// warm-up calls each) until each has run for the minimum time in all (and at least twice).
    /// </summary>
    private static (double First, double Second) AlternatingRates(
        TimeSpan minimum, Func<int, object> first, Func<int, object> second, CancellationToken cancellationToken)
    {
        first(0);
        second(0);
        first(1);
        second(1);
        var clock = new Stopwatch();
        TimeSpan firstTime = TimeSpan.Zero, secondTime = TimeSpan.Zero;
        var calls = 0;
        while (calls < 2 || firstTime < minimum || secondTime < minimum)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            first(calls);
            firstTime += clock.Elapsed;
            clock.Restart();
            second(calls);
            secondTime += clock.Elapsed;
            calls++;
        }

        return (calls / firstTime.TotalSeconds, calls / secondTime.TotalSeconds);
    }
}
