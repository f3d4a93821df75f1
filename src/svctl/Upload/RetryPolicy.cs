using System.Net;
using System.Net.Sockets;

namespace ShortVideo.Cli.Upload;

/// <summary>Classifies failures of tus requests and spaces the retries.</summary>
internal sealed class RetryPolicy
{
    private readonly RetryOptions _options;
    private readonly Random _random;

    public RetryPolicy(RetryOptions options, Random? random = null)
    {
        _options = options;
        _random = random ?? Random.Shared;
    }

    public RetryOptions Options => _options;

    /// <summary>True for the failures this policy judges; anything else is a bug and must surface.</summary>
    public static bool IsRequestFailure(Exception exception, CancellationToken userToken) => exception switch
    {
        TusHttpException or TusProtocolException or HttpRequestException or IOException or SocketException or TimeoutException => true,

        // A timeout of ours (a linked token) rather than the user's Ctrl+C.
        OperationCanceledException => !userToken.IsCancellationRequested,
        _ => false,
    };

    public static RetryAction Classify(Exception exception) => exception switch
    {
        TusHttpException http => Classify(http.StatusCode),

        // A server that breaks the protocol will break it again.
        TusProtocolException => RetryAction.Fail,
        _ => RetryAction.Backoff,
    };

    public static RetryAction Classify(HttpStatusCode statusCode)
    {
        var code = (int)statusCode;
        return code switch
        {
            409 => RetryAction.Resync,
            460 => RetryAction.ResendChunk,

            // 408 and 423 (another request still holds the upload) clear up by themselves; 429 asks us to slow down.
            408 or 423 or 429 => RetryAction.Backoff,
            >= 500 and <= 599 => RetryAction.Backoff,
            _ => RetryAction.Fail,
        };
    }

    /// <summary>
    /// Delay before retry number <paramref name="attempt"/> (1 = first retry): exponential, capped, with
    /// "equal jitter" (half fixed, half random) so many clients that failed together do not return together,
    /// yet no retry comes sooner than half the exponential step.
    /// </summary>
    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(_options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxDelay.TotalMilliseconds);

        // Jitter needs no cryptographic randomness.
#pragma warning disable CA5394
        var jittered = (ceiling / 2) + (_random.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
        if (retryAfter is { } hint && hint.TotalMilliseconds > jittered)
        {
            jittered = Math.Min(hint.TotalMilliseconds, _options.MaxDelay.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(jittered);
    }
}
