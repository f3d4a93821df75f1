namespace ShortVideo.Cli.Videos;

/// <summary>One page of GET /api/v1/videos: the videos, the cursor of the next page, and the server's JSON.</summary>
internal sealed record VideoListPage(IReadOnlyList<VideoSnapshot> Items, string? NextCursor, string Json);
