using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Pipeline;
using ShortVideo.Media.Probing;
using ShortVideo.Media.Transcoding;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the media pipeline: probe, ladder, one-decode HLS transcoder, near-duplicate detection, and the transcode jobs it runs.</summary>
public static class MediaPipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the media pipeline. Needs a job queue (AddSqliteJobQueue), a media store (AddFileSystemStorage or
    /// the S3 adapter), a catalog and a fingerprint index (AddSqliteMetadata gives both). Uploaded videos are
    /// queued for transcoding from now on; a process with <see cref="AddMediaWorker"/> runs the jobs.
    /// </summary>
    public static IShortVideoBuilder AddMediaPipeline(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MediaProbeOptions>()
            .Validate(o => o.ProbeTimeout > TimeSpan.Zero, "Media:ProbeTimeout must be positive.")
            .Validate(o => o.MaxDuration > TimeSpan.Zero, "Media:MaxDuration must be positive.")
            .Validate(o => o.MaxDimension >= 16, "Media:MaxDimension must be at least 16 pixels.")
            .ValidateOnStart();
        services.AddOptions<LadderOptions>();
        services.AddOptions<TranscoderOptions>();
        services.AddOptions<FingerprintOptions>()
            .Validate(o => o.MaxFrames >= 1, "Media:Fingerprints:MaxFrames must be at least 1.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Media:Fingerprints:Timeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<MediaPipelineOptions>()
            .Validate(o => o.Concurrency is >= 1 and <= 64, "Media:Worker:Concurrency must be between 1 and 64.")
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(3), "Media:Worker:LeaseDuration must be at least 3 seconds.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Media:Worker:PollInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaProber>();
        services.TryAddSingleton<HlsTranscoder>();

        // The fingerprint index itself comes with the metadata store (AddSqliteMetadata or an adapter).
        services.TryAddSingleton<VideoFingerprinter>();
        services.TryAddSingleton<NearDuplicateDetector>();
        services.TryAddSingleton(static sp => new VideoLifecycle(sp.GetServices<IVideoLifecycleListener>(), sp.GetRequiredService<ILogger<VideoLifecycle>>()));
        services.TryAddSingleton<SharedMedia>();
        services.TryAddSingleton<VideoDeletion>();
        services.TryAddSingleton<VideoVisibilityChange>();
        services.TryAddSingleton<MediaProcessor>();
        services.TryAddSingleton<TranscodeJobs>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoEvents, TranscodeJobs>(static sp => sp.GetRequiredService<TranscodeJobs>()));
        return builder;
    }

    /// <summary>
    /// Adds the media pipeline and the worker that runs its jobs in this process (the <c>media</c> role): it leases
    /// transcode jobs (Media:Worker:Concurrency at a time), renews each lease while ffmpeg works, retries failures
    /// with backoff (Jobs:*) and marks a video failed when its job gives up. Workers in several processes on the
    /// same job queue share the work; one killed mid-transcode loses its job to another when the lease expires.
    /// </summary>
    public static IShortVideoBuilder AddMediaWorker(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMediaPipeline();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MediaWorker>());
        return builder;
    }
}
