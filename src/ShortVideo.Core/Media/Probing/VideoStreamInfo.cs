namespace ShortVideo.Media.Probing;

/// <summary>A video stream as ffprobe describes it, with its display rotation resolved.</summary>
internal sealed record VideoStreamInfo
{
    /// <summary>ffprobe's codec name, e.g. "h264", "hevc", "av1".</summary>
    public string? Codec { get; init; }

    /// <summary>Width of the frames as stored (before rotation for display), in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height of the frames as stored (before rotation for display), in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>
    /// Degrees a player turns the stored frames <em>clockwise</em> to display them: 0, 90, 180 or 270.
    /// A phone held upright records landscape frames and asks for 90. ffprobe reports the display matrix
    /// counterclockwise (-90 for this case), so that figure is negated; the legacy "rotate" tag is already clockwise.
    /// </summary>
    public int Rotation { get; init; }

    /// <summary>Width as displayed: <see cref="Height"/> when <see cref="Rotation"/> is 90 or 270.</summary>
    public int DisplayWidth => Rotation is 90 or 270 ? Height : Width;

    /// <summary>Height as displayed: <see cref="Width"/> when <see cref="Rotation"/> is 90 or 270.</summary>
    public int DisplayHeight => Rotation is 90 or 270 ? Width : Height;

    /// <summary>Average frames per second (avg_frame_rate, else r_frame_rate), when known.</summary>
    public double? FrameRate { get; init; }

    /// <summary>
    /// Whether the frames are spaced unevenly, as phones record. ffprobe's r_frame_rate is the rate that
    /// represents every timestamp; avg_frame_rate is frames over duration. For constant frame rate they agree
    /// (within rounding of the last frame's duration), so a difference above 1% means gaps or bursts.
    /// </summary>
    public bool IsVariableFrameRate { get; init; }

    /// <summary>ffprobe's pixel format, e.g. "yuv420p".</summary>
    public string? PixelFormat { get; init; }

    /// <summary>Bit rate of the stream in bits per second, when known.</summary>
    public long? BitRate { get; init; }

    /// <summary>Duration of the stream, when known (Matroska and WebM often leave it to the container).</summary>
    public TimeSpan? Duration { get; init; }
}
