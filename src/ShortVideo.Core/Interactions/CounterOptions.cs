namespace ShortVideo.Interactions;

/// <summary>How counter increments are batched (configuration section "Counters").</summary>
public sealed class CounterOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Counters";

    /// <summary>
    /// How often pending increments are written to the store. Default 500 ms: counters are durable within a second,
    /// and a burst of likes on one video is one write per interval instead of one per like.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
