using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// What the machine can do at best, measured rather than taken from a datasheet, so a retrieval rate can be
/// stated as a fraction of it: the streaming read rate of memory and the peak fp32 FMA rate.
/// </summary>
internal static unsafe class HardwareCeilings
{
    // 24 independent accumulators: FMA latency 4 cycles x 2 FMA ports = 8 in flight needed; 24 leaves margin
    // and still fits the 32 zmm registers with the two operands.
    private const int Accumulators = 24;

    /// <summary>
    /// GB/s (10^9 bytes) of a Vector512 sum over a 64-byte aligned buffer of <paramref name="bytes"/>, split over
    /// <paramref name="threads"/> threads, repeated for at least <paramref name="minimum"/>: total bytes over total time.
    /// </summary>
    public static double StreamingReadGBps(long bytes, int threads, TimeSpan minimum)
    {
        bytes = Math.Max(64 * threads, bytes / 64 * 64);
        var buffer = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            // Touch every page first (and with non-zero data) so the timed passes read memory, not the zero page.
            new Span<byte>(buffer, (int)Math.Min(bytes, int.MaxValue)).Fill(1);
            for (long offset = int.MaxValue; offset < bytes; offset += int.MaxValue)
            {
                new Span<byte>(buffer + offset, (int)Math.Min(bytes - offset, int.MaxValue)).Fill(1);
            }

            var job = new ReadJob(buffer, bytes / 64, threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.Run);
            var clock = Stopwatch.StartNew();
            long passes = 0;
            do
            {
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.Run);
                passes++;
            }
            while (clock.Elapsed < minimum);
            return passes * (double)bytes / clock.Elapsed.TotalSeconds / 1e9;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    /// <summary>
    /// GFLOP/s of fp32 FMA with operands in registers only: each of <paramref name="threads"/> threads runs
    /// 24 independent Vector512 FMA chains (2 flops x 16 lanes each) for <paramref name="minimum"/>; the sum
    /// over threads is the machine's peak, what a perfectly compute-bound kernel could reach.
    /// </summary>
    public static double PeakFmaGflops(int threads, TimeSpan minimum)
    {
        var flops = new double[threads];
        var job = new FmaJob(flops, minimum);
        FmaJob.Chains(1000);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.Run);
        var total = 0.0;
        foreach (var rate in flops)
        {
            total += rate;
        }

        return total / 1e9;
    }

    private sealed class ReadJob(byte* buffer, long lines, int threads)
    {
        public float Sink { get; private set; }

        public void Run(int thread)
        {
            var first = lines * thread / threads;
            var end = lines * (thread + 1) / threads;
            var p = (float*)buffer;
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            var a2 = Vector512<float>.Zero;
            var a3 = Vector512<float>.Zero;
            var line = first;
            for (; line + 4 <= end; line += 4)
            {
                a0 += Vector512.LoadAligned(p + (line * 16));
                a1 += Vector512.LoadAligned(p + ((line + 1) * 16));
                a2 += Vector512.LoadAligned(p + ((line + 2) * 16));
                a3 += Vector512.LoadAligned(p + ((line + 3) * 16));
            }

            for (; line < end; line++)
            {
                a0 += Vector512.LoadAligned(p + (line * 16));
            }

            // Published so the JIT cannot drop the loads.
            Sink = Vector512.Sum(a0 + a1 + a2 + a3);
        }
    }

    private sealed class FmaJob(double[] flops, TimeSpan minimum)
    {
        private const long Iterations = 1 << 20;

        public void Run(int thread)
        {
            var clock = Stopwatch.StartNew();
            long rounds = 0;
            do
            {
                Chains(Iterations);
                rounds++;
            }
            while (clock.Elapsed < minimum);
            flops[thread] = rounds * Iterations * Accumulators * 16 * 2 / clock.Elapsed.TotalSeconds;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static float Chains(long iterations)
        {
            var m = Vector512.Create(0.999999f);
            var c = Vector512.Create(1e-7f);
            var a0 = Vector512.Create(1f);
            var a1 = a0; var a2 = a0; var a3 = a0; var a4 = a0; var a5 = a0; var a6 = a0; var a7 = a0;
            var a8 = a0; var a9 = a0; var a10 = a0; var a11 = a0; var a12 = a0; var a13 = a0; var a14 = a0; var a15 = a0;
            var a16 = a0; var a17 = a0; var a18 = a0; var a19 = a0; var a20 = a0; var a21 = a0; var a22 = a0; var a23 = a0;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
                a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
                a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
                a12 = Vector512.FusedMultiplyAdd(a12, m, c); a13 = Vector512.FusedMultiplyAdd(a13, m, c);
                a14 = Vector512.FusedMultiplyAdd(a14, m, c); a15 = Vector512.FusedMultiplyAdd(a15, m, c);
                a16 = Vector512.FusedMultiplyAdd(a16, m, c); a17 = Vector512.FusedMultiplyAdd(a17, m, c);
                a18 = Vector512.FusedMultiplyAdd(a18, m, c); a19 = Vector512.FusedMultiplyAdd(a19, m, c);
                a20 = Vector512.FusedMultiplyAdd(a20, m, c); a21 = Vector512.FusedMultiplyAdd(a21, m, c);
                a22 = Vector512.FusedMultiplyAdd(a22, m, c); a23 = Vector512.FusedMultiplyAdd(a23, m, c);
            }

            var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
                + a12 + a13 + a14 + a15 + a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23;
            return Vector512.Sum(sum);
        }
    }
}
