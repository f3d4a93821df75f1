using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// Retries of one tus step (a creation, a resume check, a chunk) on a Polly pipeline: which failures a later attempt
/// may get past and how soon to try again, how many consecutive attempts a step gets, and the sentence the user reads
/// when the upload stops. Each <see cref="ExecuteAsync"/> is a step: the count starts afresh with each one.
/// </summary>
internal sealed class UploadRetry
{
    private const HttpStatusCode ChecksumMismatch = (HttpStatusCode)460;

    private readonly ResiliencePipeline _pipeline;
    private readonly TusUploadOptions _options;

    /// <param name="options">Attempts, delays, clock and jitter source.</param>
    /// <param name="onRetry">Told of each failure that is retried, before the wait (the transfer decides there whether to HEAD).</param>
    public UploadRetry(TusUploadOptions options, Action<Exception>? onRetry = null)
    {
        _options = options;
        var ceiling = options.RetryMaxDelay;
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } failure && IsRetried(failure, args.Context.CancellationToken)),
            MaxRetryAttempts = options.MaxAttempts - 1,

            // Exponential with jitter, so that many clients that failed together do not come back together.
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = ceiling,
            DelayGenerator = args => ValueTask.FromResult(DelayFor(args.Outcome.Exception, ceiling)),
        };
        if (options.RetryRandomizer is { } randomizer)
        {
            retry.Randomizer = randomizer;
        }

        if (onRetry is not null)
        {
            retry.OnRetry = args =>
            {
                onRetry(args.Outcome.Exception!);
                return ValueTask.CompletedTask;
            };
        }

        // Polly refuses a retry strategy without retries: a single attempt is an empty pipeline.
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        _pipeline = options.MaxAttempts > 1 ? builder.AddRetry(retry).Build() : builder.Build();
    }

    /// <summary>
    /// Runs <paramref name="request"/> until it succeeds. A failure that is not retried, or that outlasts the attempts,
    /// ends as an <see cref="UploadFailedException"/> with one sentence; the user's cancellation and bugs pass as they are.
    /// </summary>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> request, TState state, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(request, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (IsRequestFailure(failure, cancellationToken))
        {
            // Polly also stops retrying when the user cancels; that is an interruption, not a failure to describe.
            cancellationToken.ThrowIfCancellationRequested();

            // Otherwise Polly lets a failure through when it is not retried, or when it was the last attempt's.
            throw IsRetried(failure, cancellationToken)
                ? new UploadFailedException($"gave up after {_options.MaxAttempts} attempts: {Describe(failure)}", failure)
                : new UploadFailedException(Describe(failure), failure);
        }
    }

    /// <summary>True for the failures of a request; anything else is a bug and must surface.</summary>
    public static bool IsRequestFailure(Exception exception, CancellationToken userToken) => exception switch
    {
        TusHttpException or TusProtocolException or HttpRequestException or IOException or SocketException or TimeoutException => true,

        // A timeout of ours (a linked token) rather than the user's Ctrl+C.
        OperationCanceledException => !userToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>True for the request failures that a later attempt may get past.</summary>
    public static bool IsRetried(Exception exception, CancellationToken userToken) => IsRequestFailure(exception, userToken) && exception switch
    {
        TusHttpException http => IsRetried(http.StatusCode),

        // A server that breaks the protocol will break it again.
        TusProtocolException => false,
        _ => true,
    };

    /// <summary>True for the statuses that a later attempt may get past; 400, 401, 403, 404, 410, 413... never will.</summary>
    public static bool IsRetried(HttpStatusCode statusCode) => (int)statusCode switch
    {
        // Our offset disagrees with the server's (a HEAD resyncs it); the chunk arrived damaged (it is resent).
        409 or 460 => true,

        // 408 and 423 (another request still holds the upload) clear up by themselves; 429 asks us to slow down.
        408 or 423 or 429 => true,

        // Insufficient Storage: the node (or the user's quota) is full; that lasts longer than any backoff.
        507 => false,
        >= 500 and <= 599 => true,
        _ => false,
    };

    /// <summary>A damaged chunk (460): the server kept none of it, so it is resent without asking for the offset.</summary>
    public static bool IsChecksumMismatch(Exception? exception) => exception is TusHttpException { StatusCode: ChecksumMismatch };

    /// <summary>The wait before the next attempt where it is not Polly's backoff; null leaves the backoff.</summary>
    private static TimeSpan? DelayFor(Exception? exception, TimeSpan ceiling) => exception switch
    {
        // The server said exactly what went wrong, and waiting changes nothing about it.
        TusHttpException { StatusCode: HttpStatusCode.Conflict or ChecksumMismatch } => TimeSpan.Zero,

        // 423, 429 or 503 with Retry-After: the server's hint replaces the backoff, up to the ceiling.
        TusHttpException { RetryAfter: { } hint } when hint > TimeSpan.Zero => hint < ceiling ? hint : ceiling,
        _ => null,
    };

    private string Describe(Exception exception) => exception switch
    {
        TusHttpException http when (int)http.StatusCode >= 500 && http.StatusCode != HttpStatusCode.InsufficientStorage => $"the server failed ({http.Message})",
        TusHttpException http => $"the server refused the upload ({http.Message})",
        TusProtocolException protocol => protocol.Message,
        OperationCanceledException => $"the request to {_options.Endpoint.GetLeftPart(UriPartial.Authority)} timed out",
        _ => $"cannot reach {_options.Endpoint.GetLeftPart(UriPartial.Authority)}: {exception.Message}",
    };
}
