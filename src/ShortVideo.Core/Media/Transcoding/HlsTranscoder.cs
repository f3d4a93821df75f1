using Microsoft.Extensions.Options;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Media.Transcoding;

/// <summary>
/// Encodes a source into an fMP4 HLS ladder with one ffmpeg process (one decode for every rendition, the
/// poster, the storyboard and, in the media pipeline, the frames of the near-duplicate fingerprint), then measures
/// the renditions and writes the master playlist from the measurements. The media pipeline runs it for every upload;
/// it is public for transcoding outside a node and for benchmarks (<c>svctl bench transcode</c> measures it against
/// one ffmpeg per rendition, <see cref="TranscodeRenditionAsync"/>).
/// </summary>
public sealed class HlsTranscoder
{
    /// <summary>Name of the master playlist in the output directory.</summary>
    public const string MasterFileName = "master.m3u8";

    private readonly TranscoderOptions _options;
    private readonly LadderOptions _ladder;
    private readonly TimeProvider _time;

    /// <summary>A transcoder with the ffmpeg of <paramref name="options"/> and the encoder settings of <paramref name="ladder"/>.</summary>
    public HlsTranscoder(IOptions<TranscoderOptions> options, IOptions<LadderOptions> ladder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ladder);
        _options = options.Value;
        _ladder = ladder.Value;
        _time = time;
    }

    /// <summary>The ffmpeg arguments <see cref="TranscodeAsync(TranscodeSource, IReadOnlyList{Rendition}, string, CancellationToken)"/> runs, exposed for inspection and tests.</summary>
    internal IReadOnlyList<string> BuildArguments(TranscodeSource source, IReadOnlyList<Rendition> ladder, string outputDirectory, FrameTap? tap = null) =>
        FfmpegArguments.Build(source, ladder, outputDirectory, _ladder, tap);

    /// <summary>
    /// Encodes <paramref name="source"/> into every rendition of <paramref name="ladder"/> (<see cref="LadderPlanner.Plan"/>)
    /// under <paramref name="outputDirectory"/>, one folder per rendition, with a poster, a storyboard and the master
    /// playlist <see cref="MasterFileName"/>. An ffmpeg that fails or runs past the timeout is a <see cref="TranscodeException"/>.
    /// </summary>
    public Task<TranscodeResult> TranscodeAsync(TranscodeSource source, IReadOnlyList<Rendition> ladder, string outputDirectory, CancellationToken ct) =>
        TranscodeAsync(source, ladder, outputDirectory, tap: null, ct);

    /// <summary>
    /// The transcode, whose decode also feeds <paramref name="tap"/> (when given): its frames are read from ffmpeg's
    /// stdout while the renditions are encoded, so they cost no decode of their own.
    /// </summary>
    internal async Task<TranscodeResult> TranscodeAsync(
        TranscodeSource source, IReadOnlyList<Rendition> ladder, string outputDirectory, FrameTap? tap, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ladder);
        outputDirectory = Path.GetFullPath(outputDirectory);
        foreach (var rendition in ladder)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, rendition.Name));
        }

        var arguments = BuildArguments(source, ladder, outputDirectory, tap);
        var started = _time.GetTimestamp();
        var errors = await FfmpegProcess.RunAsync(_options.FfmpegPath, arguments, _options.Timeout, tap?.ReadAsync, ct).ConfigureAwait(false);
        var wallTime = _time.GetElapsedTime(started);

        var outputs = new List<RenditionOutput>(ladder.Count);
        var entries = new List<MasterEntry>(ladder.Count);
        foreach (var rendition in ladder)
        {
            var folder = Path.Combine(outputDirectory, rendition.Name);
            var playlistPath = Path.Combine(folder, FfmpegArguments.PlaylistFileName);
            var playlist = MediaPlaylist.Parse(await File.ReadAllTextAsync(playlistPath, ct).ConfigureAwait(false));
            var measured = BandwidthMeasurement.Measure(playlist, uri => LengthOf(Path.Combine(folder, uri)));
            outputs.Add(new RenditionOutput(rendition, playlistPath, measured));
            entries.Add(new MasterEntry(rendition, measured, rendition.Name + "/" + FfmpegArguments.PlaylistFileName));
        }

        var masterPath = Path.Combine(outputDirectory, MasterFileName);
        await File.WriteAllTextAsync(masterPath, MasterPlaylistWriter.Write(entries), ct).ConfigureAwait(false);

        // The storyboard's index is ours to write: ffmpeg made the sprite, the layout says where each tile is.
        var sprite = Path.Combine(outputDirectory, StoryboardLayout.SpriteFileName);
        string? storyboard = null;
        if (File.Exists(sprite))
        {
            storyboard = Path.Combine(outputDirectory, StoryboardLayout.IndexFileName);
            await File.WriteAllTextAsync(storyboard, StoryboardLayout.For(source).WebVtt(source.Duration), ct).ConfigureAwait(false);
        }

        var poster = Path.Combine(outputDirectory, FfmpegArguments.PosterFileName);
        return new TranscodeResult(masterPath, File.Exists(poster) ? poster : null, storyboard, outputs, wallTime, errors);
    }

    /// <summary>
    /// Encodes rendition <paramref name="index"/> of <paramref name="ladder"/> alone, in an ffmpeg process that decodes
    /// the source itself, with exactly the settings <see cref="TranscodeAsync(TranscodeSource, IReadOnlyList{Rendition}, string, CancellationToken)"/> gives that rendition (no poster, no
    /// master playlist): what the one-decode ladder is measured against.
    /// </summary>
    public async Task TranscodeRenditionAsync(TranscodeSource source, IReadOnlyList<Rendition> ladder, int index, string outputDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ladder.Count);
        outputDirectory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(Path.Combine(outputDirectory, ladder[index].Name));
        var arguments = FfmpegArguments.BuildOne(source, ladder, index, outputDirectory, _ladder);
        await FfmpegProcess.RunAsync(_options.FfmpegPath, arguments, _options.Timeout, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// What is wrong with the source, as ffmpeg words it, or null when it decodes cleanly. A second decode of the
    /// source, so it is for a transcode that failed or logged errors, never for a clean one. Only what ffmpeg says
    /// counts: one that fails without a word (not ffmpeg at all, or killed) blames nothing on the file.
    /// </summary>
    internal async Task<string?> FindDamageAsync(TranscodeSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (_, errors) = await FfmpegProcess.RunToExitAsync(_options.FfmpegPath, FfmpegArguments.BuildDecodeCheck(source), _options.Timeout, readOutput: null, ct)
            .ConfigureAwait(false);
        return errors.Count == 0 ? null : string.Join(" | ", errors);
    }

    private static long? LengthOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : null;
    }
}
