using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// Reads a small JSON body with a size cap: more than <c>maxBytes</c> is 413 before it is parsed (a client cannot make
/// the node buffer megabytes to refuse them), malformed JSON is 400 with a sentence naming where it broke.
/// </summary>
internal static class JsonBody
{
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, SocialProblems.TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, SocialProblems.TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer; <paramref name="example"/> shows a good body.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, int maxBytes, string example)
        where T : class
    {
        var (bytes, problem) = await ReadBytesAsync(http, maxBytes).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            return value is null ? (null, SocialProblems.BadRequest($"The body must be a JSON object such as {example}.")) : (value, null);
        }
        catch (JsonException failure)
        {
            return (null, SocialProblems.BadRequest(Describe(failure, example)));
        }
    }

    /// <summary>Where the JSON broke, as a sentence (the path, never the parser's message, which can quote the input at length).</summary>
    public static string Describe(JsonException failure, string example)
    {
        var path = failure.Path is { Length: > 1 } p ? $" at {p}" : string.Empty;
        return $"The body is not valid JSON for this endpoint{path}: a value is malformed or of the wrong type. Send a JSON object such as {example}.";
    }
}
