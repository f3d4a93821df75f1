using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Hosting.Configuration;
using ShortVideo.Hosting.Node;
using ShortVideo.Hosting.Storage.S3;
using ShortVideo.Hosting.Uploads;
using ShortVideo.Hosting.Videos;
using ShortVideo.Storage.FileSystem;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Composes every role of a node from configuration.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers uploads, storage (Storage:Provider FileSystem or S3), SQLite metadata, bearer auth,
    /// CORS, problem details and health checks, all bound from <paramref name="configuration"/>.
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

        builder.AddSqliteMetadata().AddUploads().AddShortVideoAuth();
        services.AddProblemDetails();
        services.AddCors(cors => cors.AddPolicy(TusEndpoints.CorsPolicy, policy =>
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

            policy.WithMethods("POST", "GET", "HEAD", "PATCH", "DELETE", "OPTIONS")
                .WithHeaders(TusHeaders.RequestHeaders)
                .WithExposedHeaders(TusHeaders.ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromHours(24));
        }));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    /// <summary>The request pipeline of a node: errors as problem+json, CORS, auth, endpoints, /healthz.</summary>
    public static WebApplication UseShortVideoNode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz");
        app.MapTusUploads();
        app.MapVideos();
        return app;
    }
}
