using Microsoft.AspNetCore.Http;

namespace ShortVideo.Hosting.Social;

/// <summary>The problem+json answers of the social endpoints; ids are echoed cut short, never trusted as text.</summary>
internal static class SocialProblems
{
    public static IResult VideoNotFound(string id) =>
        Results.Problem(detail: $"No video with id '{Cut(id)}' exists.", statusCode: StatusCodes.Status404NotFound, title: "Video not found");

    public static IResult UserNotFound(string id) =>
        Results.Problem(detail: $"No user with id '{Cut(id)}' exists.", statusCode: StatusCodes.Status404NotFound, title: "User not found");

    public static IResult CommentNotFound(string id) =>
        Results.Problem(detail: $"No comment with id '{Cut(id)}' exists.", statusCode: StatusCodes.Status404NotFound, title: "Comment not found");

    public static IResult BadRequest(string detail, string title = "Invalid request") =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult TooLarge(int maxBytes) =>
        Results.Problem(
            detail: $"The body is larger than the {maxBytes / 1024} KiB this endpoint accepts.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Body too large");

    private static string Cut(string id) => id.Length > 40 ? id[..40] : id;
}
