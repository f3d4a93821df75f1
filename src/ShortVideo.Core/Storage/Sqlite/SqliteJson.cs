using System.Text.Json.Serialization;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Source-generated JSON for the small JSON columns (no reflection on the write path).</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string?>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class SqliteJson : JsonSerializerContext;
