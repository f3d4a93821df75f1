using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShortVideo.Testing;

/// <summary>Builds raw tus requests, so tests control every header (a client library would fix mistakes for us).</summary>
public static class TusRequests
{
    public static HttpRequestMessage Create(long? length, string? metadata = null, string? concat = null, bool defer = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (length is { } l)
        {
            request.Headers.TryAddWithoutValidation("Upload-Length", l.ToString(CultureInfo.InvariantCulture));
        }

        if (defer)
        {
            request.Headers.Add("Upload-Defer-Length", "1");
        }

        if (metadata is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        }

        if (concat is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Concat", concat);
        }

        return request;
    }

    public static HttpRequestMessage Patch(Uri upload, long offset, byte[] chunk, string? checksum = null, string contentType = "application/offset+octet-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = new ByteArrayContent(chunk) };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (checksum is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Checksum", checksum);
        }

        return request;
    }

    public static HttpRequestMessage Head(Uri upload)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    public static HttpRequestMessage Delete(Uri upload)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    public static string Sha256Checksum(ReadOnlySpan<byte> chunk) => "sha256 " + Convert.ToBase64String(SHA256.HashData(chunk));

    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Creates and completes an upload of <paramref name="data"/> in one PATCH; returns the video id.</summary>
    public static async Task<string> UploadAsync(HttpClient client, byte[] data)
    {
        using var created = await client.SendAsync(Create(data.Length));
        created.EnsureSuccessStatusCode();
        using var done = await client.SendAsync(Patch(new Uri(client.BaseAddress!, created.Headers.Location!), 0, data));
        done.EnsureSuccessStatusCode();
        return done.Headers.GetValues("Video-Id").Single();
    }

    public static string Offset(HttpResponseMessage response) => response.Headers.GetValues("Upload-Offset").Single();
}
