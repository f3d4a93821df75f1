using System.Collections.Concurrent;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Learning;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>The real ranking engine, with the size of every batch retrieval it was asked for written down.</summary>
internal sealed class RecordingEngine(RankingEngine inner) : IRankingEngine, IAsyncDisposable
{
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public int CatalogSize => inner.CatalogSize;

    public void AddVideo(VideoDescriptor video) => inner.AddVideo(video);

    public void AddVideos(IReadOnlyList<VideoDescriptor> videos) => inner.AddVideos(videos);

    public bool RemoveVideo(long videoId) => inner.RemoveVideo(videoId);

    public bool TryPost(ReadOnlySpan<InteractionEvent> events) => inner.TryPost(events);

    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public Task SaveAsync(string directory, CancellationToken cancellationToken = default) => inner.SaveAsync(directory, cancellationToken);

    public Task<bool> RestoreAsync(string directory, CancellationToken cancellationToken = default) => inner.RestoreAsync(directory, cancellationToken);

    public void ExportOnnx(string directory) => inner.ExportOnnx(directory);

    public IReadOnlyList<Recommendation> Recommend(RecommendationRequest request) => inner.Recommend(request);

    public IReadOnlyList<IReadOnlyList<Recommendation>> RecommendBatch(IReadOnlyList<RecommendationRequest> requests)
    {
        BatchSizes.Enqueue(requests.Count);
        return inner.RecommendBatch(requests);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
