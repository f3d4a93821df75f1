using System.Text.Json.Serialization;

namespace ShortVideo.Cli.Upload;

/// <summary>Source-generated JSON for the resume state and the <c>--json</c> result (trim-safe, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(UploadState))]
[JsonSerializable(typeof(UploadResult))]
internal sealed partial class UploadJsonContext : JsonSerializerContext;
