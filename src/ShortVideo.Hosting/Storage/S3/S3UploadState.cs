using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// What the S3 store persists with an upload (UploadInfo.StoreState): the multipart upload, its committed
/// parts, and the tail object holding the committed bytes short of a part. Short JSON names because a
/// 4 GiB upload in 8 MiB parts lists 512 parts, rewritten at every commit.
/// </summary>
internal sealed record S3UploadState
{
    public const int CurrentVersion = 1;

    /// <summary>Format version; readers reject versions they do not know rather than guess.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("mpu")]
    public required string MultipartUploadId { get; init; }

    /// <summary>Committed parts in order, numbered 1..n without gaps.</summary>
    [JsonPropertyName("parts")]
    public IReadOnlyList<S3PartRecord> Parts { get; init; } = [];

    /// <summary>Key of the committed tail object; null when the committed bytes end on a part boundary.</summary>
    [JsonPropertyName("tail")]
    public string? TailKey { get; init; }

    [JsonPropertyName("tailSize")]
    public long TailSize { get; init; }

    /// <summary>Generation of the last tail written; every commit that writes a tail uses the next one.</summary>
    [JsonPropertyName("gen")]
    public long Generation { get; init; }

    /// <summary>Committed bytes: the parts plus the tail.</summary>
    [JsonIgnore]
    public long Length
    {
        get
        {
            var length = TailSize;
            foreach (var part in Parts)
            {
                length += part.Size;
            }

            return length;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, S3UploadStateJsonContext.Default.S3UploadState);

    /// <summary>Reads a persisted state; throws <see cref="InvalidOperationException"/> with the upload id when it cannot.</summary>
    public static S3UploadState Parse(string uploadId, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            throw new InvalidOperationException(
                $"Upload {uploadId} has no S3 store state: it was created by another storage provider, or before S3 storage was configured.");
        }

        S3UploadState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, S3UploadStateJsonContext.Default.S3UploadState);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Upload {uploadId} has an unreadable S3 store state: {e.Message}", e);
        }

        if (state is null || state.Version != CurrentVersion)
        {
            throw new InvalidOperationException(
                $"Upload {uploadId} has S3 store state version {state?.Version}; this version of the S3 store reads version {CurrentVersion}.");
        }

        return state;
    }
}

/// <summary>One committed multipart part.</summary>
internal sealed record S3PartRecord(
    [property: JsonPropertyName("n")] int Number,
    [property: JsonPropertyName("e")] string ETag,
    [property: JsonPropertyName("s")] long Size);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3UploadState))]
internal sealed partial class S3UploadStateJsonContext : JsonSerializerContext;
