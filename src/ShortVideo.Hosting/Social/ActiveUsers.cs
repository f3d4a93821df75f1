using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// Makes every authenticated caller a user (created on their first request, with a handle derived from their id) and
/// records that they are active (<see cref="SocialService.RecordActiveAsync"/>: written at most once an hour per user, and
/// findable by search from their first request).
/// </summary>
internal static partial class ActiveUsers
{
    public static void UseActiveUsers(this WebApplication app)
    {
        var social = app.Services.GetRequiredService<SocialService>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ActiveUsers));
        app.Use(async (context, next) =>
        {
            if (context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { } userId)
            {
                try
                {
                    await social.RecordActiveAsync(userId, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Uploads and playback need no profile: a failing write here must not fail them; the profile
                    // endpoints report the store's trouble themselves.
                    LogEnsureFailed(logger, failure, userId);
                }
            }

            await next(context).ConfigureAwait(false);
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording user {UserId} as active failed")]
    private static partial void LogEnsureFailed(ILogger logger, Exception failure, string userId);
}
