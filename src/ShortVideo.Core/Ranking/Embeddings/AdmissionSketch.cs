namespace ShortVideo.Ranking.Embeddings;

/// <summary>
/// Count-min sketch of sightings of ids that have no row yet (TinyLFU's admission filter): fixed memory
/// however many one-off ids arrive, an estimate that never undercounts, and counters that halve
/// periodically so only recent sightings count. Used by the single writer only.
/// </summary>
internal sealed class AdmissionSketch
{
    public const int MaxCount = byte.MaxValue;
    public const int Depth = 4;

    // 4 x 1 Mi one-byte counters = 4 MiB, about 1.5% of a million 64-dimension fp32 rows. Halving after
    // Width sightings keeps the average counter near one, so a one-off id reaches an estimate of two only
    // if all four of its cells (after conservative update) were hit twice: on the order of a percent at
    // full load (an estimate from Poisson occupancy, not a measurement).
    public const int Width = 1 << 20;

    public const long DecayPeriod = Width;

    private readonly byte[] _counters = new byte[Depth * Width];
    private readonly ulong[] _seeds = new ulong[Depth];

    public AdmissionSketch(int seed)
    {
        Seed = seed;
        var state = SplitMix64.Mix((ulong)(uint)seed ^ 0xA5A5A5A5UL);
        for (var i = 0; i < Depth; i++)
        {
            state = SplitMix64.Mix(state);
            _seeds[i] = state;
        }
    }

    /// <summary>Seed of the hashes; a snapshot keeps it so restored counters keep their meaning.</summary>
    public int Seed { get; }

    /// <summary>Sightings counted since the counters last halved.</summary>
    public long SinceDecay { get; private set; }

    public static long Bytes => Depth * Width;

    /// <summary>Counts one sighting and returns the (never lower than true) number of recent sightings.</summary>
    public int Increment(long id)
    {
        Span<int> cells = stackalloc int[Depth];
        var min = int.MaxValue;
        for (var row = 0; row < Depth; row++)
        {
            cells[row] = Cell(row, id);
            min = Math.Min(min, _counters[cells[row]]);
        }

        if (min < MaxCount)
        {
            // Conservative update: only the counters at the minimum grow, which keeps collisions from
            // inflating ids that share some (but not all) cells.
            for (var row = 0; row < Depth; row++)
            {
                if (_counters[cells[row]] == min)
                {
                    _counters[cells[row]] = (byte)(min + 1);
                }
            }

            min++;
        }

        if (++SinceDecay >= DecayPeriod)
        {
            Halve();
        }

        return min;
    }

    public int Estimate(long id)
    {
        var min = int.MaxValue;
        for (var row = 0; row < Depth; row++)
        {
            min = Math.Min(min, _counters[Cell(row, id)]);
        }

        return min;
    }

    public ReadOnlySpan<byte> Counters => _counters;

    public void Restore(ReadOnlySpan<byte> counters, long sinceDecay)
    {
        counters.CopyTo(_counters);
        SinceDecay = sinceDecay;
    }

    private void Halve()
    {
        for (var i = 0; i < _counters.Length; i++)
        {
            _counters[i] >>= 1;
        }

        SinceDecay = 0;
    }

    private int Cell(int row, long id) => (row * Width) + (int)(SplitMix64.Mix((ulong)id ^ _seeds[row]) & (Width - 1));
}
