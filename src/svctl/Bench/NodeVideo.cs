using System.Net.Http.Headers;
using System.Text.Json;

namespace ShortVideo.Cli.Bench;

/// <summary>What a node says of one video: <c>GET /api/v1/videos/{id}</c> as its owner.</summary>
internal static class NodeVideo
{
    /// <summary>The video's JSON; any answer but a success is a <see cref="BenchException"/>.</summary>
    public static async Task<JsonDocument> GetAsync(HttpClient http, Uri baseUrl, string token, string videoId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"/api/v1/videos/{Uri.EscapeDataString(videoId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"GET video {videoId} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }
}
