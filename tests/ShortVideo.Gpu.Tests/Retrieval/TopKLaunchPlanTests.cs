using ShortVideo.Gpu.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

public sealed class TopKLaunchPlanTests
{
    [Theory]
    [InlineData(1, 1, 1, 132)]
    [InlineData(255, 1, 10, 132)]
    [InlineData(4097, 3, 100, 132)]
    [InlineData(1_000_000, 1, 100, 132)]
    [InlineData(1_000_000, 64, 1000, 132)]
    [InlineData(1_000_000, 4096, 10, 132)]
    [InlineData(70_000, 9, 1024, 3)]
    [InlineData(int.MaxValue / 2, 1, 1, 1000)]
    public void Chunks_cover_every_row_once_in_whole_tiles(int rows, int batch, int k, int multiprocessors)
    {
        var plan = TopKLaunchPlan.For(rows, batch, k, multiprocessors);

        Assert.Equal(0, plan.RowsPerChunk % TopKKernels.TileRows);
        Assert.True((long)plan.Chunks * plan.RowsPerChunk >= rows, "the chunks end before the last row");
        Assert.True((long)(plan.Chunks - 1) * plan.RowsPerChunk < rows, "a chunk starts after the last row");
        Assert.True((long)plan.QueryGroups * plan.QueriesPerBlock >= batch);
        Assert.True((long)(plan.QueryGroups - 1) * plan.QueriesPerBlock < batch);
        Assert.Equal(plan.Chunks > 1, plan.NeedsMerge);
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(10, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 64)]
    [InlineData(100, 128)]
    [InlineData(1000, 1024)]
    [InlineData(1024, 1024)]
    public void The_warp_queue_is_k_rounded_up_to_a_power_of_two_of_at_least_32(int k, int queue)
    {
        Assert.Equal(queue, TopKLaunchPlan.For(1_000_000, 1, k, 132).QueueLength);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 8)]
    [InlineData(64, 8)]
    public void Small_batches_give_each_query_more_warps(int batch, int queriesPerBlock)
    {
        Assert.Equal(queriesPerBlock, TopKLaunchPlan.For(100_000, batch, 10, 132).QueriesPerBlock);
    }

    [Fact]
    public void One_query_over_a_large_catalog_spreads_over_two_blocks_per_multiprocessor()
    {
        var plan = TopKLaunchPlan.For(10_000_000, 1, 10, 132);

        Assert.Equal(264, plan.Chunks);
    }

    [Fact]
    public void Phase_two_reads_at_most_an_eighth_of_the_catalog()
    {
        foreach (var k in new[] { 1, 100, 1000 })
        {
            var plan = TopKLaunchPlan.For(1_000_000, 1, k, 132);
            Assert.True((long)plan.Chunks * k * 8 <= 1_000_000, $"k {k}: {plan.Chunks} chunks");
        }
    }

    [Fact]
    public void A_large_batch_fills_the_GPU_with_query_groups_and_needs_no_merge()
    {
        var plan = TopKLaunchPlan.For(1_000_000, 4096, 10, 132);

        Assert.Equal(512, plan.QueryGroups);
        Assert.False(plan.NeedsMerge);
    }
}
