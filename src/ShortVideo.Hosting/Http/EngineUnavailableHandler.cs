using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ShortVideo.Hosting.Http;

/// <summary>
/// A request that fails because a shared engine is away for a while (PostgreSQL stopped, restarting or failing over:
/// a transient <see cref="DbException"/>) answers 503 with Retry-After and a
/// problem+json sentence, not a 500: nothing was written, and the same request retried later succeeds.
/// </summary>
internal sealed class EngineUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client should wait: a restart or a failover of the database takes about this long.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The metadata database cannot be reached right now; nothing was changed. Retry in a few seconds.",
            },
        }).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // Only the engine's own verdict: a damaged SQLite file is not transient and stays a 500 that names it.
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
