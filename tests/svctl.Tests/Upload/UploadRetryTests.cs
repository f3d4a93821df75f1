using System.Net;
using System.Net.Sockets;
using ShortVideo.Cli.Upload;

namespace svctl.Tests.Upload;

/// <summary>The retry rules of svctl upload, run through the real Polly pipeline on a clock that records its waits.</summary>
public sealed class UploadRetryTests
{
    private readonly RecordingTimeProvider _clock = new();

    private TusUploadOptions Options(int attempts, TimeSpan baseDelay, TimeSpan maxDelay) => new()
    {
        Endpoint = new Uri("http://127.0.0.1:9/files"),
        MaxAttempts = attempts,
        RetryBaseDelay = baseDelay,
        RetryMaxDelay = maxDelay,
        TimeProvider = _clock,
        RetryRandomizer = static () => 0.5,
    };

    /// <summary>A step whose every attempt fails with <paramref name="failure"/>: how many attempts ran, and what came out.</summary>
    private static async Task<(int Attempts, Exception Outcome)> FailEveryTimeAsync(UploadRetry retry, Exception failure, CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        var outcome = await Assert.ThrowsAnyAsync<Exception>(async () => await retry.ExecuteAsync<int, Exception>(
            async (error, _) =>
            {
                attempts++;
                await Task.Yield();
                throw error;
            },
            failure,
            cancellationToken));
        return (attempts, outcome);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(423)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(460)]
    public void Server_errors_locks_throttling_offset_conflicts_and_damaged_chunks_are_retried(int status)
    {
        Assert.True(UploadRetry.IsRetried((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(412)]
    [InlineData(413)]
    [InlineData(507)]
    public void Client_errors_and_a_full_node_stop_the_upload(int status)
    {
        Assert.False(UploadRetry.IsRetried((HttpStatusCode)status));
    }

    [Fact]
    public void Network_errors_and_timeouts_are_retried()
    {
        Assert.True(UploadRetry.IsRetried(new HttpRequestException("Connection refused"), CancellationToken.None));
        Assert.True(UploadRetry.IsRetried(new IOException("reset"), CancellationToken.None));
        Assert.True(UploadRetry.IsRetried(new SocketException(), CancellationToken.None));
        Assert.True(UploadRetry.IsRetried(new TaskCanceledException("timeout"), CancellationToken.None));
    }

    [Fact]
    public void A_server_that_breaks_the_protocol_is_not_retried()
    {
        Assert.False(UploadRetry.IsRetried(new TusProtocolException("no Upload-Offset"), CancellationToken.None));
    }

    [Fact]
    public void The_users_cancellation_is_not_a_request_failure_but_a_timeout_is()
    {
        using var user = new CancellationTokenSource();
        Assert.True(UploadRetry.IsRequestFailure(new OperationCanceledException(), user.Token));
        user.Cancel();
        Assert.False(UploadRetry.IsRequestFailure(new OperationCanceledException(), user.Token));
    }

    [Fact]
    public void Bugs_are_not_request_failures()
    {
        Assert.False(UploadRetry.IsRequestFailure(new NullReferenceException(), CancellationToken.None));
    }

    [Fact]
    public async Task Delays_grow_exponentially_with_jitter_and_stay_under_the_ceiling()
    {
        var retry = new UploadRetry(Options(12, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)));

        await FailEveryTimeAsync(retry, new HttpRequestException("Connection refused"));

        var delays = _clock.Delays.Select(d => d.TotalMilliseconds).ToArray();
        Assert.Equal(11, delays.Length);
        Assert.InRange(delays[0], 250, 1000); // about the base delay
        Assert.All(delays, d => Assert.InRange(d, 1, 30_000));
        for (var i = 2; i < delays.Length && delays[i] < 30_000; i++)
        {
            Assert.InRange(delays[i] / delays[i - 1], 1.5, 2.5); // doubling, not a linear step
        }

        Assert.Equal(30_000, delays[^1]);
    }

    [Fact]
    public async Task A_retry_after_hint_replaces_the_backoff_up_to_the_ceiling()
    {
        var retry = new UploadRetry(Options(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)));

        await FailEveryTimeAsync(retry, new TusHttpException("PATCH", HttpStatusCode.ServiceUnavailable, null, TimeSpan.FromSeconds(3)));
        await FailEveryTimeAsync(retry, new TusHttpException("PATCH", HttpStatusCode.TooManyRequests, null, TimeSpan.FromMinutes(2)));

        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], _clock.Delays);
    }

    [Theory]
    [InlineData(409)]
    [InlineData(460)]
    public async Task Offset_conflicts_and_damaged_chunks_are_retried_without_waiting(int status)
    {
        var retry = new UploadRetry(Options(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

        var (attempts, _) = await FailEveryTimeAsync(retry, new TusHttpException("PATCH", (HttpStatusCode)status, null, null));

        Assert.Equal(4, attempts);
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task A_step_gives_up_after_the_maximum_attempts_with_a_readable_sentence()
    {
        var retry = new UploadRetry(Options(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));

        var (attempts, outcome) = await FailEveryTimeAsync(retry, new HttpRequestException("Connection refused (127.0.0.1:9)"));

        Assert.Equal(3, attempts);
        var failed = Assert.IsType<UploadFailedException>(outcome);
        Assert.Equal("gave up after 3 attempts: cannot reach http://127.0.0.1:9: Connection refused (127.0.0.1:9)", failed.Message);
    }

    [Fact]
    public async Task A_single_attempt_gives_up_at_the_first_failure()
    {
        var retry = new UploadRetry(Options(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));

        var (attempts, outcome) = await FailEveryTimeAsync(retry, new IOException("reset"));

        Assert.Equal(1, attempts);
        Assert.Equal("gave up after 1 attempts: cannot reach http://127.0.0.1:9: reset", outcome.Message);
    }

    [Fact]
    public async Task A_refusal_stops_at_once_and_quotes_the_servers_detail()
    {
        var retry = new UploadRetry(Options(8, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));

        var (attempts, outcome) = await FailEveryTimeAsync(retry, new TusHttpException("POST", HttpStatusCode.Unauthorized, "the token has expired", null));

        Assert.Equal(1, attempts);
        var failed = Assert.IsType<UploadFailedException>(outcome);
        Assert.Equal("the server refused the upload (POST answered 401 Unauthorized: the token has expired)", failed.Message);
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task Each_step_gets_the_full_count_of_attempts()
    {
        // Two failures then success, twice, with three attempts a step: a count carried over would give up in the second.
        var retry = new UploadRetry(Options(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        var calls = 0;

        for (var step = 0; step < 2; step++)
        {
            var result = await retry.ExecuteAsync<int, object?>(
                async (_, _) =>
                {
                    await Task.Yield();
                    return ++calls % 3 == 0 ? calls : throw new IOException("reset");
                },
                null,
                CancellationToken.None);
            Assert.Equal(3 * (step + 1), result);
        }
    }

    [Fact]
    public async Task The_users_cancellation_while_a_request_fails_is_a_cancellation_not_a_failure_sentence()
    {
        var retry = new UploadRetry(Options(8, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        using var user = new CancellationTokenSource();

        var outcome = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await retry.ExecuteAsync<int, CancellationTokenSource>(
            async (source, _) =>
            {
                await source.CancelAsync(); // Ctrl+C while the request is failing
                throw new HttpRequestException("Connection reset");
            },
            user,
            user.Token));

        Assert.Equal(user.Token, outcome.CancellationToken);
    }
}
