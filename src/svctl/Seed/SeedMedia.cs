using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortVideo.Catalog;
using ShortVideo.Cli.Bench;
using ShortVideo.Uploads;

namespace ShortVideo.Cli.Seed;

/// <summary>
/// The one clip every seeded video plays. Encoding a clip per seeded row would take days at a million rows, so seed
/// makes one short clip with ffmpeg's lavfi sources, uploads it as a private video of the top creator through the
/// node's own upload engine, and lets the node's own media worker (probe, ladder, one-decode HLS, poster, storyboard)
/// publish it. Seeded rows then point at its media the way identical uploads share media (same SHA-256, its id as
/// their <see cref="VideoRecord.MediaSourceId"/>), so deleting any of them keeps the media while others use it.
/// </summary>
internal static class SeedMedia
{
    public const string NoFfmpegNote = "seeded videos have no media: ffmpeg/ffprobe were not found on PATH, so playback is null";

    // Four seconds at 720p: the node plans a ladder of several rungs for it (so a player can switch), ~2.5 MB of media,
    // made in a few seconds on two cores.
    private const int Seconds = 4;
    private const int Width = 1280;
    private const int Height = 720;

    // A 4 s clip transcodes in a few seconds on two cores; three minutes cover a loaded machine.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Makes the clip's media in <paramref name="root"/>: the ready source video, or null with the one-line reason
    /// seeded videos play nothing (no ffmpeg, or the clip failed).
    /// </summary>
    public static async Task<(VideoRecord? Source, string? Problem)> MakeAsync(string root, string ownerId, Action<string> status, CancellationToken cancellationToken)
    {
        var ffmpeg = BenchFfmpeg.Resolve("ffmpeg");
        if (ffmpeg is null || BenchFfmpeg.Resolve("ffprobe") is null)
        {
            return (null, NoFfmpegNote);
        }

        var work = Directory.CreateTempSubdirectory("svctl-seed-");
        try
        {
            var clip = Path.Combine(work.FullName, "seed-clip.mp4");
            status(string.Create(CultureInfo.InvariantCulture, $"media: generating one {Seconds} s {Width}x{Height} clip for every seeded video"));
            try
            {
                await BenchFfmpeg.RunAsync(ffmpeg, "generating the seed clip", ClipArguments(clip), work.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (BenchException failed)
            {
                return (null, $"seeded videos have no media: {failed.Message}");
            }

            status("media: transcoding it once through the media pipeline");
            var source = await PublishAsync(root, ownerId, clip, cancellationToken).ConfigureAwait(false);
            return source.Status == VideoStatus.Ready
                ? (source, null)
                : (null, $"seeded videos have no media: the seed clip failed in the media pipeline ({source.Error ?? source.Status.ToString()})");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>What a seeded row carries to play the media of <paramref name="source"/>.</summary>
    public static VideoRecord Share(VideoRecord row, VideoRecord source) => row with
    {
        Sha256 = source.Sha256,
        SizeBytes = source.SizeBytes,
        DurationMs = source.DurationMs,
        MediaVersion = source.MediaVersion,
        MediaSourceId = source.MediaKey,
        Thumbnails = source.Thumbnails,

        // Not "deduplicated" and no near-duplicate link: a seeded row is not a copy a viewer uploaded, and the flag
        // would make every read of a seeded video scan its (up to a million) siblings for one the viewer may see.
        Deduplicated = false,
        NearDuplicateOf = null,
    };

    private static IReadOnlyList<string> ClipArguments(string path) =>
    [
        "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={Width}x{Height}:rate=30:duration={Seconds}"),
        "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate=48000:duration={Seconds}"),
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart", path,
    ];

    /// <summary>
    /// Uploads <paramref name="clip"/> through the upload engine (blob, video record, transcode job) and runs the media
    /// worker until its video is ready or failed, in a composition of the node's own embedded services.
    /// </summary>
    private static async Task<VideoRecord> PublishAsync(string root, string ownerId, string clip, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.Configure<DataDirectoryOptions>(o => o.Path = root);
        services.AddLogging();
        services.AddShortVideo().AddSqliteMetadata().AddSqliteJobQueue().AddFileSystemStorage().AddUploads().AddMediaWorker();
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var videoId = await UploadAsync(provider.GetRequiredService<IUploadService>(), ownerId, clip, cancellationToken).ConfigureAwait(false);
                return await WaitProcessedAsync(provider.GetRequiredService<IVideoCatalog>(), videoId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                for (var i = hosted.Count - 1; i >= 0; i--)
                {
                    await hosted[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<string> UploadAsync(IUploadService uploads, string ownerId, string clip, CancellationToken cancellationToken)
    {
        var file = new FileStream(clip, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            var request = new CreateUploadRequest
            {
                OwnerId = ownerId,
                Length = file.Length,

                // Private: the clip is the seeded rows' media, not a video of its own in feeds and search.
                RawMetadata = Metadata(("filename", "seed-clip.mp4"), ("visibility", "private"), ("caption", "The clip every seeded video plays (svctl seed)")),
            };
            var result = await uploads.CreateAsync(request, file, file.Length, cancellationToken).ConfigureAwait(false);
            return result.VideoId ?? throw new InvalidOperationException("The seed clip's upload did not complete in one write.");
        }
    }

    private static async Task<VideoRecord> WaitProcessedAsync(IVideoCatalog catalog, string videoId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The seed clip's video {videoId} disappeared while it was processed.");
            if (video.Status is VideoStatus.Ready or VideoStatus.Failed)
            {
                return video;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                return video with { Error = $"not ready after {ReadyTimeout.TotalMinutes:0} minutes" };
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A tus Upload-Metadata header: comma-separated keys with base64 values.</summary>
    private static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));
}
