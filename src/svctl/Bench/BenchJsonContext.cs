using System.Text.Json.Serialization;

namespace ShortVideo.Cli.Bench;

/// <summary>Source-generated JSON of every <c>svctl bench &lt;area&gt; --json</c> report: camelCase, absent figures omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchUploadReport))]
[JsonSerializable(typeof(BenchTranscodeReport))]
[JsonSerializable(typeof(BenchPipelineReport))]
[JsonSerializable(typeof(BenchRankReport))]
[JsonSerializable(typeof(BenchSearchReport))]
[JsonSerializable(typeof(BenchFeedReport))]
[JsonSerializable(typeof(ShortVideo.Ranking.Evaluation.QualityReport))]
[JsonSerializable(typeof(ShortVideo.Ranking.Evaluation.MemoryReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
