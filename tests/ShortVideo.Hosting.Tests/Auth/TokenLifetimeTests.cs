using System.Net;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class TokenLifetimeTests() : AuthAppTest(manualClock: true)
{
    [Fact]
    public async Task Expired_token_returns_401_saying_it_expired_and_when()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await App.GetMeWithTokenAsync(token);

        var detail = await ProblemAssert.IsInvalidTokenAsync(response, "expired");
        Assert.Contains("2031-03-04T12:05:00Z", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_expired_by_less_than_the_clock_skew_is_still_accepted()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));

        using var response = await App.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_used_before_it_is_valid_returns_401_saying_when_it_starts()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        Clock.Advance(TimeSpan.FromMinutes(-10));

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not valid before 2031-03-04T12:00:00Z");
    }
}
