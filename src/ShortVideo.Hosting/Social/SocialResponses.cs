using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Comments;
using ShortVideo.Interactions;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Social;

/// <summary>PUT|DELETE /api/v1/videos/{id}/like.</summary>
internal sealed record LikeResponse(string VideoId, bool Liked, long LikeCount);

/// <summary>PUT|DELETE /api/v1/users/{id}/follow.</summary>
internal sealed record FollowResponse(string UserId, bool Following, long FollowerCount);

/// <summary>PUT|DELETE /api/v1/users/{id}/block.</summary>
internal sealed record BlockResponse(string UserId, bool Blocked);

/// <summary>PUT /api/v1/videos/{id}/not-interested.</summary>
internal sealed record NotInterestedResponse(string VideoId, bool NotInterested);

/// <summary>GET /api/v1/users/{id}, GET|PATCH /api/v1/me.</summary>
internal sealed record ProfileResponse(
    string Id,
    string Handle,
    string DisplayName,
    string Bio,
    string? AvatarUrl,
    string? AvatarVideoId,
    long FollowerCount,
    long FollowingCount,
    long LikeCount,
    bool FollowedByMe,
    bool FollowsMe,
    bool BlockedByMe,
    DateTimeOffset CreatedAt)
{
    public static ProfileResponse From(ProfileView view, HttpRequest request)
    {
        var p = view.Profile;
        return new(
            p.Id,
            p.Handle,
            p.DisplayName,
            p.Bio,
            view.Avatar is { } avatar ? Feeds.FeedItemResponse.AvatarUrl(avatar, request) : null,
            view.Avatar?.Id,
            view.Counts.Followers,
            view.Counts.Following,
            view.Counts.Likes,
            view.FollowedByMe,
            view.FollowsMe,
            view.BlockedByMe,
            p.CreatedAt);
    }
}

/// <summary>Who wrote a comment.</summary>
internal sealed record CommentAuthor(string Id, string Handle, string DisplayName);

/// <summary>A comment as a list shows it.</summary>
internal sealed record CommentResponse(
    string Id,
    string VideoId,
    string? ParentId,
    CommentAuthor Author,
    string Text,
    DateTimeOffset CreatedAt,
    long ReplyCount)
{
    public static CommentResponse From(Comment comment, IReadOnlyDictionary<string, UserProfile> authors)
    {
        var author = authors.TryGetValue(comment.AuthorId, out var profile)
            ? new CommentAuthor(profile.Id, profile.Handle, profile.DisplayName)
            : new CommentAuthor(comment.AuthorId, comment.AuthorId, comment.AuthorId);
        return new(comment.Id, comment.VideoId, comment.ParentId, author, comment.Text, comment.CreatedAt, comment.ReplyCount);
    }
}

/// <summary>A page of comments.</summary>
internal sealed record CommentListResponse(IReadOnlyList<CommentResponse> Items, string? NextCursor);

/// <summary>POST /api/v1/videos/{id}/comments.</summary>
internal sealed record CommentRequest(string? Text, string? ParentId);

/// <summary>POST /api/v1/events.</summary>
internal sealed record EventBatchRequest(IReadOnlyList<ClientEvent?>? Events);

/// <summary>What became of a posted batch.</summary>
internal sealed record EventBatchResponse(int Accepted, int Duplicates, int Ignored);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LikeResponse))]
[JsonSerializable(typeof(FollowResponse))]
[JsonSerializable(typeof(BlockResponse))]
[JsonSerializable(typeof(NotInterestedResponse))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(CommentResponse))]
[JsonSerializable(typeof(CommentListResponse))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(EventBatchRequest))]
[JsonSerializable(typeof(EventBatchResponse))]
internal sealed partial class SocialJson : JsonSerializerContext;
