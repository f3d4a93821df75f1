using System.Collections.Frozen;
using System.Globalization;
using ShortVideo.Social;

namespace ShortVideo.Interactions;

/// <summary>
/// The rule for a posted batch of events: it is taken whole or not at all, and a refusal names the first bad event by
/// its index. Whether the videos and users exist is not checked here (that needs the stores, and must not be told).
/// </summary>
public static class ClientEvents
{
    /// <summary>Most events in one batch.</summary>
    public const int MaxBatch = 500;

    /// <summary>Longest client event id.</summary>
    public const int MaxClientEventIdLength = 100;

    /// <summary>Longest id of a video or user named by an event (longer ones exist nowhere).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Most milliseconds of watch time or duration one event may claim (a day: no short video is longer).</summary>
    public const long MaxMilliseconds = 86_400_000;

    /// <summary>How far ahead of the server's clock an event may be dated (clients' clocks drift).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Oldest event accepted (an app offline for a week still reports what it saw).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>
    /// A user's views (and shares) of one video count once per this interval: a client replaying views under new event
    /// ids cannot inflate a counter (at most one a hour of the accepted 7 days).
    /// </summary>
    public static readonly TimeSpan RecountAfter = TimeSpan.FromHours(1);

    /// <summary>How long a client event id is remembered: as long as an event with it may be accepted, and a day more.</summary>
    public static readonly TimeSpan DeduplicationWindow = MaxAge + TimeSpan.FromDays(1);

    private static readonly FrozenDictionary<string, InteractionType> Types = new Dictionary<string, InteractionType>(StringComparer.Ordinal)
    {
        ["impression"] = InteractionType.Impression,
        ["view"] = InteractionType.View,
        ["complete"] = InteractionType.Complete,
        ["like"] = InteractionType.Like,
        ["unlike"] = InteractionType.Unlike,
        ["share"] = InteractionType.Share,
        ["skip"] = InteractionType.Skip,
        ["follow"] = InteractionType.Follow,
        ["unfollow"] = InteractionType.Unfollow,
        ["not_interested"] = InteractionType.NotInterested,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Checks the batch of <paramref name="userId"/> against the server's clock <paramref name="now"/>; on success the
    /// interactions come back in order, otherwise <paramref name="error"/> is a sentence naming the first bad event.
    /// </summary>
    public static bool TryParse(
        string userId,
        IReadOnlyList<ClientEvent?>? events,
        DateTimeOffset now,
        out IReadOnlyList<ClientInteraction> parsed,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(userId);
        parsed = [];
        if (events is null || events.Count is 0 or > MaxBatch)
        {
            error = $"events must be a list of 1 to {MaxBatch} events; this batch has {events?.Count ?? 0}.";
            return false;
        }

        var result = new List<ClientInteraction>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var problem = Check(events[i], now, out var interaction, userId);
            if (problem is not null)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Event {i}: {problem} Nothing in this batch was stored.");
                return false;
            }

            result.Add(interaction);
        }

        parsed = result;
        error = null;
        return true;
    }

    private static string? Check(ClientEvent? e, DateTimeOffset now, out ClientInteraction interaction, string userId)
    {
        interaction = default;
        if (e is null)
        {
            return "an event must be an object.";
        }

        if (!IsId(e.ClientEventId, MaxClientEventIdLength))
        {
            return $"clientEventId is required: 1 to {MaxClientEventIdLength} characters without control characters.";
        }

        if (e.Type is null || !Types.TryGetValue(e.Type, out var type))
        {
            return $"type '{Shorten(e.Type)}' is not known; use one of {string.Join(", ", Types.Keys)}.";
        }

        if (e.At is not { } at)
        {
            return "at (when it happened, an ISO 8601 time with offset) is required.";
        }

        if (at > now + MaxClockSkew)
        {
            return $"at {at:O} is in the future (more than {MaxClockSkew.TotalMinutes:0} minutes ahead of the server).";
        }

        if (at < now - MaxAge)
        {
            return $"at {at:O} is older than {MaxAge.TotalDays:0} days; such events are no longer accepted.";
        }

        var watchProblem = Milliseconds(e.WatchMs, "watchMs", out var watchMs);
        var durationProblem = Milliseconds(e.DurationMs, "durationMs", out var durationMs);
        if ((watchProblem ?? durationProblem) is { } badNumber)
        {
            return badNumber;
        }

        if (type == InteractionType.View && e.WatchMs is null)
        {
            return "a view needs watchMs (milliseconds watched).";
        }

        var isFollow = type is InteractionType.Follow or InteractionType.Unfollow;
        if (e.VideoId is not null && !IsId(e.VideoId, MaxIdLength))
        {
            return $"videoId must be 1 to {MaxIdLength} characters without control characters.";
        }

        if (e.UserId is not null && (!isFollow || !IsId(e.UserId, MaxIdLength)))
        {
            return isFollow ? $"userId must be 1 to {MaxIdLength} characters without control characters." : $"userId belongs only to follow and unfollow events, not to {e.Type}.";
        }

        if (e.VideoId is null && !(isFollow && e.UserId is not null))
        {
            return isFollow ? "a follow or unfollow needs userId (or the videoId of one of their videos)." : $"a {e.Type} needs videoId.";
        }

        interaction = new ClientInteraction(
            e.ClientEventId!,
            new UserInteraction(userId, type, e.VideoId, e.UserId, at.ToUniversalTime(), watchMs, durationMs));
        return null;
    }

    private static string? Milliseconds(double? value, string name, out long milliseconds)
    {
        milliseconds = 0;
        if (value is not { } v)
        {
            return null;
        }

        if (!double.IsFinite(v) || v < 0 || v > MaxMilliseconds)
        {
            return $"{name} must be a number of milliseconds from 0 to {MaxMilliseconds}.";
        }

        milliseconds = (long)Math.Round(v);
        return null;
    }

    private static bool IsId(string? id, int maxLength) =>
        !string.IsNullOrEmpty(id) && id.Length <= maxLength && !ProfileRules.HasControl(id, allowNewline: false);

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length > 40 ? text[..40] + "…" : text;
}
