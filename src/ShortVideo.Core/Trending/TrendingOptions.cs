namespace ShortVideo.Trending;

/// <summary>How interactions weigh in trending (configuration section <c>Trending</c>).</summary>
public sealed class TrendingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Trending";

    /// <summary>Weight of a view.</summary>
    public double ViewWeight { get; set; } = 1;

    /// <summary>Weight of a complete (watched to the end).</summary>
    public double CompleteWeight { get; set; } = 2;

    /// <summary>Weight of a like (an unlike takes it back).</summary>
    public double LikeWeight { get; set; } = 3;

    /// <summary>Weight of a share.</summary>
    public double ShareWeight { get; set; } = 5;

    /// <summary>Weight a new public video adds to each of its hashtags.</summary>
    public double UploadWeight { get; set; } = 5;

    /// <summary>How often closed minutes are written to the database (a restart loses at most this much); at least 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest trending list served, in entries (pages of it).</summary>
    public int MaxListed { get; set; } = 500;
}
