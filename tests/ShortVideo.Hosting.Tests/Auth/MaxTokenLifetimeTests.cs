using System.Net;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>Auth:MaxTokenLifetime (default 30 days) and iat checks, on tokens signed with the node's own key.</summary>
public sealed class MaxTokenLifetimeTests() : AuthAppTest(manualClock: true)
{
    private byte[] NodeKey => DevSigningKeyStore.LoadOrCreate(App.DataDir);

    private DateTimeOffset Now => Clock.Now;

    [Fact]
    public async Task Token_valid_until_the_year_9999_is_refused_saying_its_lifetime_exceeds_the_maximum()
    {
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now, expires: new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero));

        using var response = await App.GetMeWithTokenAsync(token);

        var detail = await ProblemAssert.IsInvalidTokenAsync(response, "longer than the 30 days this node accepts (Auth:MaxTokenLifetime)");
        Assert.Contains("until 9999-12-31T23:59:59Z", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_issued_long_ago_is_refused_even_though_it_expires_tomorrow()
    {
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now.AddDays(-40), expires: Now.AddDays(1));

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "valid for 41 days (from 'iat'");
    }

    [Fact]
    public async Task Token_of_exactly_the_maximum_lifetime_is_accepted()
    {
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now, expires: Now.AddDays(30));

        using var response = await App.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_iat_is_measured_from_now_and_refused_when_it_expires_beyond_the_maximum()
    {
        using var tooLong = await App.GetMeWithTokenAsync(TestTokens.WithTimes(NodeKey, issuedAt: null, expires: Now.AddDays(31)));
        using var fine = await App.GetMeWithTokenAsync(TestTokens.WithTimes(NodeKey, issuedAt: null, expires: Now.AddDays(29)));

        await ProblemAssert.IsInvalidTokenAsync(tooLong, "valid for 31 days (from now");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Token_issued_in_the_future_beyond_the_clock_skew_is_refused_naming_the_clocks()
    {
        // A far-future iat would also make exp - iat look short; it must not pass as a small lifetime.
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now.AddDays(365), expires: Now.AddDays(366));

        using var response = await App.GetMeWithTokenAsync(token);

        var detail = await ProblemAssert.IsInvalidTokenAsync(response, "in the future: check the clocks");
        Assert.Contains("2032-03-03T12:00:00Z", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_issued_in_the_future_within_the_clock_skew_is_accepted()
    {
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now.AddSeconds(20), expires: Now.AddHours(1));

        using var response = await App.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_exp_is_refused_saying_only_expiring_tokens_are_accepted()
    {
        var token = TestTokens.WithTimes(NodeKey, issuedAt: Now, expires: null);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "has no expiry ('exp' claim)");
    }
}
