namespace ShortVideo.Social;

/// <summary>A user as others see them. Created on the user's first authenticated request.</summary>
public sealed record UserProfile
{
    /// <summary>The user id (the token's subject); never changes.</summary>
    public required string Id { get; init; }

    /// <summary>Unique, case-insensitive handle shown as @handle; the user may change it.</summary>
    public required string Handle { get; init; }

    /// <summary>Display name (defaults to the handle).</summary>
    public required string DisplayName { get; init; }

    /// <summary>A short bio; empty by default.</summary>
    public string Bio { get; init; } = string.Empty;

    /// <summary>The user's own ready, public video whose poster is their avatar; null: no avatar.</summary>
    public string? AvatarVideoId { get; init; }

    /// <summary>When the user first appeared.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user last made an authenticated request (kept to the hour): who counts as active for fan-out.</summary>
    public DateTimeOffset LastActiveAt { get; init; }
}
