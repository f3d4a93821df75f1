using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// queued for transcoding from now on; a host runs the jobs (ShortVideo.Hosting's media worker).
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
        services.TryAddSingleton<MediaProcessor>();
        services.TryAddSingleton<TranscodeJobs>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoEvents, TranscodeJobs>(static sp => sp.GetRequiredService<TranscodeJobs>()));
        return builder;
    }
}
