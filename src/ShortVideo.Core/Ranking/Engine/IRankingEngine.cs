using ShortVideo.Ranking.Learning;

namespace ShortVideo.Ranking.Engine;

/// <summary>
/// The "For You" ranking engine: a catalog of video vectors learned online from interactions, exact top-k
/// retrieval, exploration of new videos and a popular fallback. Thread-safe; recommendation never waits on
/// learning.
/// </summary>
public interface IRankingEngine
{
    /// <summary>Videos in the retrievable catalog.</summary>
    int CatalogSize { get; }

    /// <summary>Adds a public video (or refreshes its features); it is retrievable and explored on return.</summary>
    void AddVideo(VideoDescriptor video);

    /// <summary>Adds many videos at once (a catalog at start-up) with one publication to retrieval.</summary>
    void AddVideos(IReadOnlyList<VideoDescriptor> videos);

    /// <summary>Takes a video out of every ranking source (deleted, or made private); false if it was not in.</summary>
    bool RemoveVideo(long videoId);

    /// <summary>
    /// Queues interaction events for learning. A bad event (NaN, infinite or negative watch ratio, unknown
    /// kind) rejects the whole batch with an <see cref="ArgumentException"/>. False when the learner is too
    /// far behind to queue more (answer "try later").
    /// </summary>
    bool TryPost(ReadOnlySpan<InteractionEvent> events);

    /// <summary>Completes when everything posted before it has been learned and is visible to retrieval.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes everything learned (embeddings, hashtag ids, watch histories, popularity) under
    /// <paramref name="directory"/> as a new generation, switched to atomically. Learning pauses meanwhile; recommending does not.
    /// </summary>
    Task SaveAsync(string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the snapshot under <paramref name="directory"/> (add the catalog's videos first or after: both
    /// work); false when there is none. A damaged snapshot throws <see cref="InvalidDataException"/> and changes nothing.
    /// </summary>
    Task<bool> RestoreAsync(string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exports the learned towers as ONNX models (<c>video_tower.onnx</c>, <c>user_tower.onnx</c>, tables as
    /// initializers, id-to-row maps in the metadata) into <paramref name="directory"/>.
    /// </summary>
    void ExportOnnx(string directory);

    /// <summary>A page of recommendations, best first, with exploration slots interleaved.</summary>
    IReadOnlyList<Recommendation> Recommend(RecommendationRequest request);

    /// <summary>
    /// A page for each request, as <see cref="Recommend"/> would answer each, from one retrieval scan over the catalog
    /// for all of them (concurrent feed requests gathered together cost little more than one).
    /// </summary>
    IReadOnlyList<IReadOnlyList<Recommendation>> RecommendBatch(IReadOnlyList<RecommendationRequest> requests);
}
