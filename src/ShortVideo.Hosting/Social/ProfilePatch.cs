using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ShortVideo.Hosting.Auth;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// PATCH /api/v1/me, read as a JSON merge patch: a field left out stays as it is; <c>null</c> clears bio and avatar
/// (handle and display name cannot be cleared); an unknown field is refused, so a typo is not silently ignored.
/// </summary>
internal static class ProfilePatch
{
    private const int MaxBodyBytes = 8 * 1024;
    private const string Example = "{\"handle\":\"alice\",\"displayName\":\"Alice\",\"bio\":\"...\",\"avatarVideoId\":\"...\"}";

    public static async Task<IResult> PatchAsync(SocialService social, HttpContext http)
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(http, MaxBodyBytes).ConfigureAwait(false);
        if (bytes is null)
        {
            return problem!;
        }

        ProfileUpdate update;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (Read(document.RootElement, out var error) is not { } parsed)
            {
                return SocialProblems.BadRequest(error!, "Invalid profile change");
            }

            update = parsed;
        }
        catch (JsonException failure)
        {
            return SocialProblems.BadRequest(JsonBody.Describe(failure, Example), "Invalid profile change");
        }

        var result = await social.UpdateProfileAsync(http.User.GetUserId(), update, http.RequestAborted).ConfigureAwait(false);
        return result.Status switch
        {
            ProfileUpdateStatus.Updated => Results.Json(ProfileResponse.From(result.Profile!, http.Request), SocialJson.Default.ProfileResponse),
            ProfileUpdateStatus.HandleTaken => SocialProblems.Conflict(result.Error!),
            _ => SocialProblems.BadRequest(result.Error!, "Invalid profile change"),
        };
    }

    private static ProfileUpdate? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"The body must be a JSON object such as {Example}.";
            return null;
        }

        var update = new ProfileUpdate();
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                error = $"{property.Name} must be a string (or null, for bio and avatarVideoId).";
                return null;
            }

            var text = value.ValueKind == JsonValueKind.Null ? null : value.GetString();
            switch (property.Name)
            {
                case "handle" or "displayName" when text is null:
                    error = $"{property.Name} cannot be cleared; send a new value or leave it out.";
                    return null;
                case "handle":
                    update = update with { Handle = text };
                    break;
                case "displayName":
                    update = update with { DisplayName = text };
                    break;
                case "bio":
                    update = update with { Bio = text ?? string.Empty };
                    break;
                case "avatarVideoId":
                    update = update with { AvatarVideoId = text ?? string.Empty };
                    break;
                default:
                    error = $"'{(property.Name.Length > 40 ? property.Name[..40] : property.Name)}' is not a profile field; use handle, displayName, bio or avatarVideoId.";
                    return null;
            }
        }

        return update;
    }
}
