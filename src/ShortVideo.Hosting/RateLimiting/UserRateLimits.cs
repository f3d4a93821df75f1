using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.RateLimiting;

/// <summary>
/// The per-user limits on writes, all on ASP.NET Core's rate limiter: one token bucket per user id and policy. A burst
/// past a limit gets 429 with Retry-After and a problem+json sentence. The limiter runs after authorization, so a
/// request without a valid token is 401 and spends nobody's permits.
/// </summary>
internal static class UserRateLimits
{
    /// <summary>tus creation (section Uploads:RateLimit).</summary>
    public static readonly UserRateLimit Uploads = new("upload-creation", "Uploads:RateLimit", 30, "uploads started", "start", "urn:shortvideo:problem:upload:rate-limited");

    /// <summary>POST /api/v1/events (section RateLimits:Events): batches, each of up to 500 events.</summary>
    public static readonly UserRateLimit Events = new("events", "RateLimits:Events", 120, "event batches", "post");

    /// <summary>Likes, unlikes and "not interested" (section RateLimits:Likes).</summary>
    public static readonly UserRateLimit Likes = new("likes", "RateLimits:Likes", 120, "likes", "like or unlike");

    /// <summary>Writing and deleting comments (section RateLimits:Comments).</summary>
    public static readonly UserRateLimit Comments = new("comments", "RateLimits:Comments", 30, "comments", "write or delete");

    /// <summary>Follows, unfollows, blocks and unblocks (section RateLimits:Follows).</summary>
    public static readonly UserRateLimit Follows = new("follows", "RateLimits:Follows", 60, "follows and blocks", "follow, unfollow, block or unblock");

    private static readonly UserRateLimit[] All = [Uploads, Events, Likes, Comments, Follows];

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var limit in All)
        {
            services.AddOptions<UserRateLimitOptions>(limit.PolicyName)
                .Configure(o => o.PermitLimit = limit.DefaultPermits)
                .Bind(configuration.GetSection(limit.Section))
                .Validate(o => o.PermitLimit > 0, $"{limit.Section}:PermitLimit must be positive.")
                .Validate(o => o.Window > TimeSpan.Zero, $"{limit.Section}:Window must be positive.")
                .ValidateOnStart();
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var limit in All)
            {
                limiter.AddPolicy(limit.PolicyName, limit);
            }
        });
    }
}

/// <summary>One named per-user limit: its policy, configuration section, default burst, and how a refusal reads.</summary>
internal sealed class UserRateLimit(string policyName, string section, int defaultPermits, string what, string verb, string problemType = "urn:shortvideo:problem:rate-limited")
    : IRateLimiterPolicy<string>
{
    public string PolicyName { get; } = policyName;

    public string Section { get; } = section;

    public int DefaultPermits { get; } = defaultPermits;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var options = Options(httpContext);
        return RateLimitPartition.GetTokenBucketLimiter(httpContext.User.GetUserId(), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.PermitLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.Period,
            QueueLimit = 0,

            // The partitioned limiter replenishes every user's bucket from one timer: no timer per user.
            AutoReplenishment = false,
        });
    }

    private UserRateLimitOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<UserRateLimitOptions>>().Get(PolicyName);

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = Options(http);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Period;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (ReferenceEquals(this, UserRateLimits.Uploads))
        {
            http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.Version;
        }

        var result = Results.Problem(
            detail: $"Too many {what}: each user may {verb} {options.PermitLimit} at once and one more every {Describe(options.Period)}; try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: $"Too many {what}",
            type: problemType);
        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    private static string Describe(TimeSpan period) => period.TotalSeconds < 120
        ? period.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : period.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";
}
