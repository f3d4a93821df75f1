using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Feeds;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Feeds.Following;
using ShortVideo.Hosting.Configuration;
using ShortVideo.Hosting.Feeds;
using ShortVideo.Hosting.Http;
using ShortVideo.Hosting.Media;
using ShortVideo.Hosting.Node;
using ShortVideo.Hosting.RateLimiting;
using ShortVideo.Hosting.Search;
using ShortVideo.Hosting.Social;
using ShortVideo.Interactions;
using ShortVideo.Jobs;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Pipeline;
using ShortVideo.Media.Probing;
using ShortVideo.Media.Transcoding;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;
using ShortVideo.Hosting.Storage.S3;
using ShortVideo.Hosting.Uploads;
using ShortVideo.Hosting.Videos;
using ShortVideo.Storage.FileSystem;
using ShortVideo.Storage.Postgres;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Composes every role of a node from configuration.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers uploads, storage (Storage:Provider FileSystem or S3), SQLite metadata and jobs, the media
    /// pipeline (and its worker when Node:Roles includes media), bearer auth, CORS, problem details and
    /// health checks, all bound from <paramref name="configuration"/>.
    /// </summary>
    public static IShortVideoBuilder AddShortVideoNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddShortVideo();
        services.AddShortVideoDataDirectory();
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection("Uploads"));
        services.AddOptions<FileSystemStorageOptions>().Bind(configuration.GetSection("Storage:FileSystem"));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var provider = configuration["Storage:Provider"] ?? "FileSystem";
        if (string.Equals(provider, "S3", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<S3StorageOptions>().Bind(configuration.GetSection("Storage:S3"));
            builder.AddS3Storage();
        }
        else if (string.Equals(provider, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddFileSystemStorage();
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use FileSystem or S3.");
        }

        services.AddOptions<JobQueueOptions>().Bind(configuration.GetSection(JobQueueOptions.SectionName));
        services.AddOptions<MediaProbeOptions>().Bind(configuration.GetSection(MediaProbeOptions.SectionName));
        services.AddOptions<LadderOptions>().Bind(configuration.GetSection(LadderOptions.SectionName));
        services.AddOptions<TranscoderOptions>().Bind(configuration.GetSection(TranscoderOptions.SectionName));
        services.AddOptions<MediaPipelineOptions>().Bind(configuration.GetSection(MediaPipelineOptions.SectionName));
        services.AddOptions<CounterOptions>().Bind(configuration.GetSection(CounterOptions.SectionName));
        AddMetadata(builder, configuration);
        builder.AddUploads().AddMediaPipeline().AddShortVideoAuth();
        builder.AddSocial();
        services.AddOptions<ShortVideo.Trending.TrendingOptions>().Bind(configuration.GetSection(ShortVideo.Trending.TrendingOptions.SectionName));
        builder.AddSearch().AddTrending();
        UserRateLimits.Register(services, configuration);
        var roles = NodeRoles.From(configuration);
        services.AddSingleton(roles);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NodeStartupLog>());
        if (roles.Media)
        {
            builder.AddMediaWorker();
        }

        services.AddOptions<ForYouOptions>().Bind(configuration.GetSection(ForYouOptions.SectionName));
        if (roles.Ranking)
        {
            services.AddOptions<RankingNodeOptions>().Bind(configuration.GetSection(RankingNodeOptions.SectionName));
            services.AddOptions<EmbeddingTableOptions>().Bind(configuration.GetSection(EmbeddingTableOptions.SectionName));
            services.AddOptions<LearnerOptions>().Bind(configuration.GetSection(LearnerOptions.SectionName));
            services.AddOptions<ExplorationOptions>().Bind(configuration.GetSection(ExplorationOptions.SectionName));
            services.AddOptions<RankingEngineOptions>().Bind(configuration.GetSection(RankingEngineOptions.SectionName));
            builder.AddCatalogRanking();
        }

        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName));
        services.AddOptions<FollowingFeedOptions>().Bind(configuration.GetSection(FollowingFeedOptions.SectionName));
        builder.AddShortVideoForYou().AddShortVideoFollowingFeed();
        services.AddProblemDetails();
        services.AddCors(cors => cors.AddPolicy(TusEndpoints.CorsPolicy, policy =>
        {
            AllowConfiguredOrigins(policy, configuration);
            policy.WithMethods("POST", "GET", "HEAD", "PATCH", "DELETE", "OPTIONS")
                .WithHeaders([.. TusHeaders.RequestHeaders])
                .WithExposedHeaders([.. TusHeaders.ExposedHeaders])
                .SetPreflightMaxAge(TimeSpan.FromHours(24));
        }));
        services.AddCors(cors => cors.AddPolicy(MediaEndpoints.CorsPolicy, policy =>
        {
            AllowConfiguredOrigins(policy, configuration);
            // Players send Range (segments) and, for private videos, Authorization; they read Content-Range and ETag.
            policy.WithMethods("GET", "HEAD")
                .WithHeaders("Range", "Authorization", "If-None-Match", "If-Range")
                .WithExposedHeaders("Content-Length", "Content-Range", "Accept-Ranges", "ETag")
                .SetPreflightMaxAge(TimeSpan.FromHours(24));
        }));
        services.AddNodeHealthChecks(metadataIsLocal: !IsPostgres(configuration));
        services.AddExceptionHandler<EngineUnavailableHandler>();
        return builder;
    }

    /// <summary>Cors:AllowedOrigins when set, any origin otherwise (browsers on other origins are the point of CORS here).</summary>
    private static void AllowConfiguredOrigins(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder policy, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>();
        if (origins is { Length: > 0 })
        {
            policy.WithOrigins(origins);
        }
        else
        {
            policy.AllowAnyOrigin();
        }
    }

    /// <summary>The request pipeline of a node: errors as problem+json, CORS, auth, endpoints, /healthz and /readyz.</summary>
    public static WebApplication UseShortVideoNode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseActiveUsers();
        app.UseRateLimiter(); // after authorization: limits are per user, and a 401 spends no permit
        app.MapNodeHealth();
        if (app.Services.GetRequiredService<NodeRoles>().Api)
        {
            app.MapTusUploads();
            app.MapVideos();
            app.MapMedia();
            app.MapInteractions();
            app.MapComments();
            app.MapUsers();
            app.MapForYouFeed();
            app.MapFollowingFeed();
            app.MapSearch();
        }

        return app;
    }

    /// <summary>
    /// Metadata:Provider picks every store at once: Sqlite (the embedded default, {DataDir}/shortvideo.db) or Postgres
    /// (one database all nodes share, Metadata:Postgres:ConnectionString).
    /// </summary>
    private static void AddMetadata(IShortVideoBuilder builder, IConfiguration configuration)
    {
        var provider = configuration["Metadata:Provider"] ?? "Sqlite";
        if (IsPostgres(configuration))
        {
            builder.Services.AddOptions<PostgresMetadataOptions>().Bind(configuration.GetSection(PostgresMetadataOptions.SectionName));
            builder.AddPostgresMetadata();
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddOptions<SqliteMetadataOptions>().Bind(configuration.GetSection(SqliteMetadataOptions.SectionName));
            builder.AddSqliteMetadata().AddSqliteJobQueue().AddSqliteSocialStores().AddSqliteSearch();
        }
        else
        {
            throw new InvalidOperationException($"Metadata:Provider '{provider}' is not known; use Sqlite or Postgres.");
        }
    }

    private static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Metadata:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
}
