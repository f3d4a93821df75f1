using ShortVideo.Core.Tests.Ranking.Embeddings;
using ShortVideo.Ranking.Evaluation;
using Xunit.Abstractions;

namespace ShortVideo.Core.Tests.Ranking.Engine;

// Heap measurements need the process to themselves (shares the embedding memory tests' serial collection).
[Collection(nameof(EmbeddingTableMemoryTests))]
public sealed class RankingMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void The_learner_state_of_a_million_videos_of_64_dimensions_stays_well_under_a_gibibyte_in_fp32()
    {
        // The million itself: smaller catalogs cost more per video (hash table slack, partly used chunks).
        var fp32 = MemoryFootprint.Measure(videos: 1_000_000, users: 50_000, dimension: 64, fp16: false);
        var fp16 = MemoryFootprint.Measure(videos: 1_000_000, users: 50_000, dimension: 64, fp16: true);
        output.WriteLine($"fp32: {fp32.BytesPerVideo:0} B/video ({fp32.GibPerMillionVideos:0.###} GiB/M), {fp32.BytesPerUser:0} B/user");
        output.WriteLine($"fp16: {fp16.BytesPerVideo:0} B/video ({fp16.GibPerMillionVideos:0.###} GiB/M), {fp16.BytesPerUser:0} B/user");

        Assert.InRange(fp32.GibPerMillionVideos, 0.3, 0.85);
        Assert.InRange(fp32.RetrievalBytesPerVideo, 256, 260);
        Assert.InRange(fp16.RetrievalBytesPerVideo, 128, 130);

        // fp16 halves both copies of the vector (embedding row and retrieval row): 2 x 128 bytes fewer, give or take.
        Assert.InRange(fp32.BytesPerVideo - fp16.BytesPerVideo, 200, 320);
        Assert.InRange(fp16.GibPerMillionVideos, 0.3, 0.6);

        // A user is a row plus a history of 20 ids (8 bytes each) plus index entries.
        Assert.InRange(fp32.BytesPerUser, 256 + 160, 700);
    }
}
