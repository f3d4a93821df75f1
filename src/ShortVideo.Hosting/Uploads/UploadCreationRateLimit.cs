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

namespace ShortVideo.Hosting.Uploads;

/// <summary>
/// ASP.NET Core's rate limiter on tus creation, one token bucket per user id: a burst of creations past the limit
/// gets 429 with Retry-After and a problem+json sentence. Runs after authorization, so a request without a valid token
/// is 401 and spends nobody's permits.
/// </summary>
internal sealed class UploadCreationRateLimit(IOptions<UploadRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "upload-creation";

    private readonly UploadRateLimitOptions _options = options.Value;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadRateLimitOptions>()
            .Bind(configuration.GetSection(UploadRateLimitOptions.SectionName))
            .Validate(o => o.PermitLimit > 0, "Uploads:RateLimit:PermitLimit must be positive.")
            .Validate(o => o.Window > TimeSpan.Zero, "Uploads:RateLimit:Window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, UploadCreationRateLimit>(PolicyName);
        });
    }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(httpContext.User.GetUserId(), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _options.PermitLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _options.Period,
            QueueLimit = 0,

            // The partitioned limiter replenishes every user's bucket from one timer: no timer per user.
            AutoReplenishment = false,
        });

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Period;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.Version;
        var result = Results.Problem(
            detail: $"Too many uploads started: each user may start {_options.PermitLimit} at once and one more every {Describe(_options.Period)}; try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many uploads started",
            type: "urn:shortvideo:problem:upload:rate-limited");
        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    private static string Describe(TimeSpan period) => period.TotalSeconds < 120
        ? period.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : period.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";
}
