namespace ShortVideo.Cli.Upload;

/// <summary>
/// Counts the consecutive failures of one step (a creation, the chunks of an upload) and turns a failure
/// into the next move, or into an <see cref="UploadFailedException"/> when the step must stop.
/// </summary>
internal sealed class RetryBudget
{
    private readonly RetryPolicy _policy;
    private readonly Uri _server;
    private int _failures;

    public RetryBudget(RetryPolicy policy, Uri server)
    {
        _policy = policy;
        _server = server;
    }

    /// <summary>Failed attempts since the last progress.</summary>
    public int Failures => _failures;

    /// <summary>Progress was made: the next failure starts a fresh count.</summary>
    public void Reset() => _failures = 0;

    /// <summary>Classifies <paramref name="exception"/>, waits where the policy says so, and returns what to do next.</summary>
    public async Task<RetryAction> OnFailureAsync(Exception exception, CancellationToken cancellationToken)
    {
        var action = RetryPolicy.Classify(exception);
        if (action == RetryAction.Fail)
        {
            throw new UploadFailedException(Describe(exception), exception);
        }

        _failures++;
        if (_failures >= _policy.Options.MaxAttempts)
        {
            throw new UploadFailedException($"gave up after {_failures} attempts: {Describe(exception)}", exception);
        }

        if (action == RetryAction.Backoff)
        {
            var retryAfter = exception is TusHttpException http ? http.RetryAfter : null;
            await Task.Delay(_policy.DelayFor(_failures, retryAfter), cancellationToken).ConfigureAwait(false);
        }

        return action;
    }

    private string Describe(Exception exception) => exception switch
    {
        TusHttpException http when (int)http.StatusCode >= 500 => $"the server failed ({http.Message})",
        TusHttpException http => $"the server refused the upload ({http.Message})",
        TusProtocolException protocol => protocol.Message,
        OperationCanceledException => $"the request to {_server.GetLeftPart(UriPartial.Authority)} timed out",
        _ => $"cannot reach {_server.GetLeftPart(UriPartial.Authority)}: {exception.Message}",
    };
}
