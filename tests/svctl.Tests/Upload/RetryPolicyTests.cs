using System.Net;
using System.Net.Sockets;
using ShortVideo.Cli.Upload;

namespace svctl.Tests.Upload;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(423)]
    [InlineData(429)]
    [InlineData(408)]
    public void Server_errors_locks_and_throttling_back_off_and_retry(int status)
    {
        Assert.Equal(RetryAction.Backoff, RetryPolicy.Classify((HttpStatusCode)status));
    }

    [Fact]
    public void An_offset_conflict_resyncs_with_a_HEAD()
    {
        Assert.Equal(RetryAction.Resync, RetryPolicy.Classify(HttpStatusCode.Conflict));
    }

    [Fact]
    public void A_checksum_mismatch_resends_the_chunk()
    {
        Assert.Equal(RetryAction.ResendChunk, RetryPolicy.Classify((HttpStatusCode)460));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(412)]
    [InlineData(413)]
    public void Client_errors_stop_the_upload(int status)
    {
        Assert.Equal(RetryAction.Fail, RetryPolicy.Classify((HttpStatusCode)status));
    }

    [Fact]
    public void Network_errors_and_timeouts_back_off()
    {
        Assert.Equal(RetryAction.Backoff, RetryPolicy.Classify(new HttpRequestException("Connection refused")));
        Assert.Equal(RetryAction.Backoff, RetryPolicy.Classify(new IOException("reset")));
        Assert.Equal(RetryAction.Backoff, RetryPolicy.Classify(new SocketException()));
        Assert.Equal(RetryAction.Backoff, RetryPolicy.Classify(new TaskCanceledException("timeout")));
    }

    [Fact]
    public void A_server_that_breaks_the_protocol_is_not_retried()
    {
        Assert.Equal(RetryAction.Fail, RetryPolicy.Classify(new TusProtocolException("no Upload-Offset")));
    }

    [Fact]
    public void The_users_cancellation_is_not_a_request_failure_but_a_timeout_is()
    {
        using var user = new CancellationTokenSource();
        Assert.True(RetryPolicy.IsRequestFailure(new OperationCanceledException(), user.Token));
        user.Cancel();
        Assert.False(RetryPolicy.IsRequestFailure(new OperationCanceledException(), user.Token));
    }

    [Fact]
    public void Bugs_are_not_request_failures()
    {
        Assert.False(RetryPolicy.IsRequestFailure(new NullReferenceException(), CancellationToken.None));
    }

    [Fact]
    public void Delays_grow_exponentially_with_jitter_and_stay_under_the_ceiling()
    {
        var policy = new RetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(30) }, new Random(7));
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = Math.Min(500 * Math.Pow(2, attempt - 1), 30_000);
            var delay = policy.DelayFor(attempt).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void A_retry_after_hint_is_honoured_up_to_the_ceiling()
    {
        var policy = new RetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(5) }, new Random(1));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayFor(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayFor(1, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task A_budget_gives_up_after_the_maximum_attempts_with_a_readable_sentence()
    {
        var budget = new RetryBudget(new RetryPolicy(new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) }), new Uri("http://127.0.0.1:9/files"));
        var refused = new HttpRequestException("Connection refused (127.0.0.1:9)");
        Assert.Equal(RetryAction.Backoff, await budget.OnFailureAsync(refused, CancellationToken.None));
        Assert.Equal(RetryAction.Backoff, await budget.OnFailureAsync(refused, CancellationToken.None));
        var failed = await Assert.ThrowsAsync<UploadFailedException>(() => budget.OnFailureAsync(refused, CancellationToken.None));
        Assert.Equal("gave up after 3 attempts: cannot reach http://127.0.0.1:9: Connection refused (127.0.0.1:9)", failed.Message);
    }

    [Fact]
    public async Task A_refusal_stops_at_once_and_quotes_the_servers_detail()
    {
        var budget = new RetryBudget(new RetryPolicy(new RetryOptions()), new Uri("http://127.0.0.1:9/files"));
        var refused = new TusHttpException("POST", HttpStatusCode.Unauthorized, "the token has expired", null);
        var failed = await Assert.ThrowsAsync<UploadFailedException>(() => budget.OnFailureAsync(refused, CancellationToken.None));
        Assert.Equal("the server refused the upload (POST answered 401 Unauthorized: the token has expired)", failed.Message);
    }

    [Fact]
    public void Problem_json_bodies_yield_their_detail_and_text_bodies_their_first_line()
    {
        Assert.Equal("token expired", ProblemDetail.Extract("application/problem+json", """{"title":"Unauthorized","detail":"token expired"}"""u8));
        Assert.Equal("Unauthorized", ProblemDetail.Extract("application/problem+json", """{"title":"Unauthorized"}"""u8));
        Assert.Equal("Upload-Offset conflict", ProblemDetail.Extract("text/plain", "Upload-Offset conflict\nmore"u8));
        Assert.Null(ProblemDetail.Extract("text/plain", ""u8));
    }
}
