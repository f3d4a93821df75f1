using System.Security.Cryptography;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// After the timed run: every video the node created must carry the SHA-256 of the bytes that were sent.
/// A server that got faster by hashing wrongly fails the bench instead of winning it.
/// </summary>
internal static class HashVerification
{
    /// <summary>Returns how many uploads were checked; throws <see cref="BenchException"/> on the first mismatch.</summary>
    public static async Task<int> VerifyAsync(
        HttpClient http, Uri baseUrl, string token, IReadOnlyList<string?> videoIds, BenchPayload payload, CancellationToken cancellationToken)
    {
        var expected = new string[videoIds.Count];
        Parallel.For(0, videoIds.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            expected[i] = Convert.ToHexStringLower(SHA256.HashData(payload.ForUpload(i).Span)));

        for (var i = 0; i < videoIds.Count; i++)
        {
            var videoId = videoIds[i] ?? throw new BenchException($"upload {i} finished without a Video-Id header");
            using var json = await NodeVideo.GetAsync(http, baseUrl, token, videoId, cancellationToken);
            var reported = json.RootElement.TryGetProperty("sha256", out var sha) ? sha.GetString() : null;
            if (!string.Equals(reported, expected[i], StringComparison.Ordinal))
            {
                throw new BenchException($"the node reported sha256 {reported ?? "(none)"} for upload {i}, but the bytes sent hash to {expected[i]}");
            }
        }

        return videoIds.Count;
    }
}
