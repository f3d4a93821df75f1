namespace ShortVideo.Feeds;

/// <summary>Settings every feed shares (section <c>Feed</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Feed";

    /// <summary>
    /// Base64 of at least 32 random bytes that sign the cursors of every list (<see cref="Paging.ListCursors"/>); set the same value on every node of a cluster. Unset:
    /// generated once per data directory.
    /// </summary>
    public string? CursorKey { get; set; }

    /// <summary>How long a list cursor stays valid (For You: its session lifetime instead); an older one is refused (the client starts from the first page).</summary>
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Throws with a sentence naming the setting when a value cannot work.</summary>
    public void Validate()
    {
        if (!string.IsNullOrEmpty(CursorKey))
        {
            var bytes = new byte[CursorKey.Length];
            if (!Convert.TryFromBase64String(CursorKey, bytes, out var length) || length < 32)
            {
                throw new InvalidOperationException("Feed:CursorKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
            }
        }

        if (CursorLifetime < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Feed:CursorLifetime must be at least one minute.");
        }
    }
}
