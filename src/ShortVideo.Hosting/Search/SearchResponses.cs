using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortVideo.Hosting.Search;

/// <summary>A user found by search.</summary>
internal sealed record UserItem(string Id, string Handle, string DisplayName);

/// <summary>A hashtag found by prefix, with its count of public, ready videos.</summary>
internal sealed record HashtagItem(string Tag, long Videos);

/// <summary>A trending hashtag and its weighted count in the window.</summary>
internal sealed record TrendingHashtagItem(string Tag, double Score);

/// <summary>Every list of this feature: one page and the opaque cursor of the next (null on the last page).</summary>
internal sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ItemList<UserItem>))]
[JsonSerializable(typeof(ItemList<HashtagItem>))]
[JsonSerializable(typeof(ItemList<TrendingHashtagItem>))]
internal sealed partial class SearchJson : JsonSerializerContext;
