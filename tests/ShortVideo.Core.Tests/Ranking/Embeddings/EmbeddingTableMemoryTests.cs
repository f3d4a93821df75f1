using ShortVideo.Ranking.Embeddings;
using Xunit.Abstractions;

namespace ShortVideo.Core.Tests.Ranking.Embeddings;

// Heap measurements need the process to themselves: other test classes would allocate meanwhile.
[CollectionDefinition(nameof(EmbeddingTableMemoryTests), DisableParallelization = true)]
[Collection(nameof(EmbeddingTableMemoryTests))]
public sealed class EmbeddingTableMemoryTests(ITestOutputHelper output)
{
    private const long Million = 1_000_000;
    private const long GiB = 1L << 30;

    [Fact]
    public void A_million_rows_of_64_dimensions_take_under_a_gibibyte_in_fp32_and_about_half_the_row_bytes_in_fp16()
    {
        var single = EmbeddingTable.EstimateTotalBytes(64, EmbeddingStorage.Fp32, Million);
        var half = EmbeddingTable.EstimateTotalBytes(64, EmbeddingStorage.Fp16, Million);

        Assert.InRange(single, 256 * Million, GiB);

        // Row values halve; the per-row id index and bookkeeping (68 bytes) do not.
        Assert.InRange(half, single / 2, single * 2 / 3);
    }

    [Fact]
    public void A_million_fp32_rows_of_64_dimensions_fit_in_a_gibibyte()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 64, AdmissionThreshold = 1 }, new ManualTimeProvider());
        var row = new float[64];
        for (long id = 0; id < Million; id++)
        {
            row[0] = id;
            table.Set(id * 7919, row);
        }

        var live = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"live {live} bytes, reported {table.TotalBytes} bytes, {(double)live / Million:F1} bytes per row");

        Assert.Equal(Million, table.Count);
        Assert.Equal(EmbeddingTable.EstimateTotalBytes(64, EmbeddingStorage.Fp32, Million), table.TotalBytes);
        Assert.InRange(table.TotalBytes, live * 9 / 10, GiB);
        Assert.InRange(live, table.TotalBytes * 9 / 10, table.TotalBytes * 11 / 10);
        Assert.Equal(999_999f, EmbeddingTableTests.Row(table, 999_999L * 7919)[0]);
        GC.KeepAlive(table);
    }
}
