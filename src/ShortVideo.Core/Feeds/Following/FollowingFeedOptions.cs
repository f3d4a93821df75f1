namespace ShortVideo.Feeds.Following;

/// <summary>
/// The Following feed's hybrid fan-out (section <c>Feed:Following</c>): a creator under
/// <see cref="FanOutThreshold"/> followers pushes each new video into the inboxes of followers active within
/// <see cref="ActiveWindow"/>; a larger creator's videos are merged in when a follower reads (one write per video
/// instead of one per follower).
/// </summary>
public sealed class FollowingFeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Feed:Following";

    /// <summary>Followers from which a creator's videos are pulled at read time instead of pushed.</summary>
    public int FanOutThreshold { get; set; } = 10_000;

    /// <summary>Followers count as active (and get pushes) when they made a request within this window.</summary>
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Entries kept per inbox, newest first; older ones are trimmed (a feed is read from the top).</summary>
    public int InboxCapacity { get; set; } = 1_000;

    /// <summary>Followees read per request: beyond it, the most recent follows count.</summary>
    public int MaxFollowees { get; set; } = 2_000;

    /// <summary>Videos copied into an inbox from a newly followed creator, or per followee when a returning user's inbox is rebuilt.</summary>
    public int BackfillPerCreator { get; set; } = 20;

    /// <summary>Throws with a sentence naming the setting when a value cannot work.</summary>
    public void Validate()
    {
        if (FanOutThreshold < 1)
        {
            throw new InvalidOperationException("Feed:Following:FanOutThreshold must be at least 1.");
        }

        if (ActiveWindow < TimeSpan.FromHours(2))
        {
            throw new InvalidOperationException("Feed:Following:ActiveWindow must be at least two hours (activity is recorded to the hour).");
        }

        if (InboxCapacity is < 10 or > 100_000)
        {
            throw new InvalidOperationException("Feed:Following:InboxCapacity must be between 10 and 100000.");
        }

        if (MaxFollowees is < 1 or > 100_000)
        {
            throw new InvalidOperationException("Feed:Following:MaxFollowees must be between 1 and 100000.");
        }

        if (BackfillPerCreator is < 0 or > 1_000)
        {
            throw new InvalidOperationException("Feed:Following:BackfillPerCreator must be between 0 and 1000.");
        }
    }
}
