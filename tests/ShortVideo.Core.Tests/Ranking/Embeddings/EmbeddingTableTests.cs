using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Core.Tests.Ranking.Embeddings;

public sealed class EmbeddingTableTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Distinct_ids_never_share_a_row_even_when_they_collide_modulo_powers_of_two()
    {
        var table = Table(dimension: 4, admissionThreshold: 1);
        var ids = new HashSet<long> { 0, -1, long.MinValue, long.MaxValue };
        for (var shift = 0; shift < 63; shift++)
        {
            for (long k = 1; k <= 16; k++)
            {
                ids.Add(k << shift);
                ids.Add(-(k << shift));
            }
        }

        var random = new Random(7);
        while (ids.Count < 200_000)
        {
            ids.Add(random.NextInt64(long.MinValue, long.MaxValue));
        }

        var index = new Dictionary<long, int>();
        foreach (var id in ids)
        {
            index[id] = index.Count;
            table.Set(id, [index[id], -index[id], id, 1]);
        }

        Span<float> row = stackalloc float[4];
        foreach (var (id, i) in index)
        {
            Assert.True(table.TryGet(id, row));
            Assert.Equal((float)i, row[0]);
            Assert.Equal(-(float)i, row[1]);
            Assert.Equal((float)id, row[2]);
        }

        Assert.Equal(ids.Count, table.Count);
    }

    [Fact]
    public void An_id_seen_twice_has_no_row_and_gets_the_zero_fallback_and_a_third_sighting_admits_it()
    {
        var table = Table(dimension: 8);
        Span<float> row = stackalloc float[8];
        row.Fill(5);

        Assert.False(table.Observe(42));
        Assert.False(table.Observe(42));
        Assert.False(table.TryGet(42, row));
        Assert.True(row.SequenceEqual(new float[8]));
        Assert.False(table.Update(42, new float[8]));
        Assert.Equal(0, table.Count);

        Assert.True(table.Observe(42));
        Assert.True(table.TryGet(42, row));
        Assert.Equal(1, table.Count);
        Assert.Contains(row.ToArray(), v => v != 0);
        foreach (var v in row)
        {
            Assert.InRange(v, -0.01f, 0.01f);
        }
    }

    [Fact]
    public void Sightings_fade_when_the_admission_counters_halve()
    {
        var table = Table(dimension: 2);
        table.Observe(42);
        table.Observe(42);
        for (long other = 1; other <= AdmissionSketch.DecayPeriod; other++)
        {
            table.Observe(-other);
        }

        Assert.False(table.Observe(42));
        Assert.True(table.Observe(42));
    }

    [Fact]
    public void New_rows_start_from_the_seed_and_the_id_whatever_the_order_of_admission()
    {
        var first = Table(dimension: 16, admissionThreshold: 1);
        var second = Table(dimension: 16, admissionThreshold: 1);
        first.Observe(1);
        first.Observe(2);
        second.Observe(2);
        second.Observe(1);

        Assert.Equal(Row(first, 1), Row(second, 1));
        Assert.Equal(Row(first, 2), Row(second, 2));
        Assert.NotEqual(Row(first, 1), Row(first, 2));
    }

    [Fact]
    public void Sweep_drops_rows_untouched_for_the_expiry_and_reuses_their_slots()
    {
        var table = Table(dimension: 4, admissionThreshold: 1);
        table.Set(1, [1, 1, 1, 1]);
        table.Set(2, [2, 2, 2, 2]);
        _time.Advance(TimeSpan.FromDays(20));
        table.Observe(2);
        _time.Advance(TimeSpan.FromDays(10));

        Assert.Equal(1, table.Sweep(_time.GetUtcNow()));
        Assert.Equal(1, table.Count);
        Assert.False(table.TryGet(1, new float[4]));
        Assert.True(table.TryGet(2, new float[4]));

        var capacity = table.Capacity;
        table.Set(3, [3, 3, 3, 3]);
        Assert.Equal(capacity, table.Capacity);
        Assert.Equal([3f, 3, 3, 3], Row(table, 3));
        Assert.False(table.TryGet(1, new float[4]));

        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, table.Sweep(_time.GetUtcNow()));
        Assert.Equal(0, table.Count);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NaN_and_infinity_are_rejected_and_the_row_stays_unchanged(float poison)
    {
        var table = Table(dimension: 4, admissionThreshold: 1);
        table.Set(1, [1, 2, 3, 4]);

        var set = Assert.Throws<ArgumentException>(() => table.Set(1, [0, poison, 0, 0]));
        var update = Assert.Throws<ArgumentException>(() => table.Update(1, [0, 0, poison, 0]));
        Assert.Throws<ArgumentException>(() => table.Set(2, [poison, 0, 0, 0]));

        Assert.Contains("nothing was stored", set.Message, StringComparison.Ordinal);
        Assert.Contains("id 1", update.Message, StringComparison.Ordinal);
        Assert.Equal([1f, 2, 3, 4], Row(table, 1));
        Assert.False(table.TryGet(2, new float[4]));
    }

    [Fact]
    public void An_update_that_would_overflow_is_rejected_and_the_row_stays_unchanged()
    {
        var table = Table(dimension: 2, admissionThreshold: 1);
        table.Set(1, [float.MaxValue, 0]);
        Assert.Throws<ArgumentException>(() => table.Update(1, [float.MaxValue, 0]));
        Assert.Equal([float.MaxValue, 0f], Row(table, 1));

        var half = Table(dimension: 2, admissionThreshold: 1, storage: EmbeddingStorage.Fp16);
        half.Set(1, [60000, 0]);
        Assert.Throws<ArgumentException>(() => half.Update(1, [10000, 0]));
        Assert.Equal([60000f, 0f], Row(half, 1));
    }

    [Fact]
    public void Updates_add_the_gradient_step_to_the_row()
    {
        var table = Table(dimension: 3, admissionThreshold: 1);
        table.Set(1, [1, 2, 3]);
        Assert.True(table.Update(1, [0.5f, -2, 1]));
        Assert.Equal([1.5f, 0, 4], Row(table, 1));
    }

    [Fact]
    public void Fp16_rows_round_trip_within_half_precision_in_half_the_row_bytes()
    {
        var single = Table(dimension: 64, admissionThreshold: 1);
        var half = Table(dimension: 64, admissionThreshold: 1, storage: EmbeddingStorage.Fp16);
        var random = new Random(3);
        var values = new float[64];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 200) - 100);
        }

        half.Set(9, values);
        var stored = Row(half, 9);
        for (var i = 0; i < values.Length; i++)
        {
            // fp16 has an 11-bit significand: relative error at most 2^-11 after rounding.
            Assert.InRange(Math.Abs(stored[i] - values[i]), 0, Math.Abs(values[i]) / 2048);
            Assert.Equal((float)(Half)values[i], stored[i]);
        }

        Assert.Equal(256, single.BytesPerRow);
        Assert.Equal(128, half.BytesPerRow);
    }

    [Fact]
    public void Lookups_with_the_wrong_width_are_refused()
    {
        var table = Table(dimension: 4, admissionThreshold: 1);
        Assert.Throws<ArgumentException>(() => table.TryGet(1, new float[3]));
        Assert.Throws<ArgumentException>(() => table.Set(1, new float[5]));
    }

    internal static float[] Row(EmbeddingTable table, long id)
    {
        var row = new float[table.Dimension];
        Assert.True(table.TryGet(id, row));
        return row;
    }

    private EmbeddingTable Table(int dimension, int admissionThreshold = 3, EmbeddingStorage storage = EmbeddingStorage.Fp32) =>
        new(new EmbeddingTableOptions { Dimension = dimension, AdmissionThreshold = admissionThreshold, Storage = storage, Seed = 11 }, _time);
}
