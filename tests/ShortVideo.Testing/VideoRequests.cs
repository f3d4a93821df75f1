using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortVideo.Testing;

/// <summary>Uploads a file over tus and follows its video through the media pipeline, as a client would.</summary>
public static class VideoRequests
{
    /// <summary>Uploads <paramref name="path"/> in one PATCH; returns the video id from the completing response.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string path, string? metadata = null)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        using var created = await client.SendAsync(TusRequests.Create(bytes.Length, metadata));
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        using var patch = await client.SendAsync(TusRequests.Patch(created.Headers.Location!, 0, bytes));
        if (patch.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"PATCH answered {(int)patch.StatusCode}: {await patch.Content.ReadAsStringAsync()}");
        }

        return patch.Headers.GetValues("Video-Id").Single();
    }

    /// <summary>Polls GET /api/v1/videos/{id} until its status is ready or failed; throws after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitUntilProcessedAsync(HttpClient client, string videoId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        JsonElement video;
        do
        {
            video = await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
            if (video.GetProperty("status").GetString() is "ready" or "failed")
            {
                return video;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Video {videoId} was still {video.GetProperty("status").GetString()} after {timeout ?? TimeSpan.FromSeconds(90)}.");
    }
}
