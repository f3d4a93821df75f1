using System.Text.Json.Serialization;

namespace ShortVideo.Cli.Seed;

/// <summary>Source-generated JSON of <c>svctl seed --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SeedReport))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;
