using System.Net;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class BearerAuthenticationTests : AuthAppTest
{
    private byte[] NodeKey => DevSigningKeyStore.LoadOrCreate(App.DataDir);

    [Fact]
    public async Task Valid_token_returns_200_and_the_user_id()
    {
        var token = App.Issuer.Issue("alice.b-1_2", TimeSpan.FromHours(1));

        using var response = await App.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice.b-1_2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scheme_name_is_matched_case_insensitively()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromHours(1));

        using var response = await App.GetMeAsync("bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Missing_token_returns_401_problem_with_a_bare_bearer_challenge()
    {
        using var response = await App.GetMeAsync(authorization: null);

        var (detail, challenge) = await ProblemAssert.IsUnauthorizedAsync(response);
        Assert.Contains("no bearer token", detail, StringComparison.Ordinal);
        Assert.Equal("Bearer", challenge);
    }

    [Fact]
    public async Task Basic_credentials_return_401_saying_the_scheme_must_be_bearer()
    {
        using var response = await App.GetMeAsync("Basic YWxpY2U6c2VjcmV0");

        var (detail, challenge) = await ProblemAssert.IsUnauthorizedAsync(response);
        Assert.Contains("does not use the Bearer scheme", detail, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_request\"", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.@@@.###")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.%%%%.sig")]
    [InlineData("")]
    public async Task Malformed_token_returns_401_saying_it_is_not_a_jwt(string token)
    {
        using var response = await App.GetMeAsync("Bearer " + token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not a well-formed JWT");
    }

    [Fact]
    public async Task Token_signed_with_another_key_returns_401_saying_the_signature_does_not_match()
    {
        var forged = TestTokens.Create(key: new byte[32]);

        using var response = await App.GetMeWithTokenAsync(forged);

        await ProblemAssert.IsInvalidTokenAsync(response, "signature does not match");
    }

    [Fact]
    public async Task Token_from_a_node_on_another_data_dir_is_refused()
    {
        using var otherDirectory = new AuthTestDirectory();
        await using var other = await AuthTestApp.StartAsync(otherDirectory.Sub("data"));
        var token = other.Issuer.Issue("alice", TimeSpan.FromHours(1));

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "another node or data directory");
    }

    [Fact]
    public async Task Token_for_another_audience_returns_401_naming_the_expected_audience()
    {
        var token = TestTokens.Create(NodeKey, audience: "some-other-api");

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "audience is not 'shortvideo-api'");
    }

    [Fact]
    public async Task Token_from_another_issuer_returns_401_naming_the_trusted_issuer()
    {
        var token = TestTokens.Create(NodeKey, issuer: "evil");

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not issued by 'shortvideo'");
    }

    [Fact]
    public async Task Unsigned_token_is_refused()
    {
        using var response = await App.GetMeWithTokenAsync(TestTokens.Unsigned());

        await ProblemAssert.IsInvalidTokenAsync(response, "not signed with HS256");
    }

    [Fact]
    public async Task Token_without_a_subject_is_refused()
    {
        var token = TestTokens.Create(NodeKey, subject: null);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "no valid 'sub' claim");
    }

    [Fact]
    public async Task Each_kind_of_refusal_has_its_own_detail()
    {
        var details = new List<string>();
        foreach (var authorization in new[]
        {
            null,
            "Basic YWxpY2U6c2VjcmV0",
            "Bearer abc",
            "Bearer " + TestTokens.Create(new byte[32]),
            "Bearer " + TestTokens.Create(NodeKey, audience: "x"),
            "Bearer " + TestTokens.Create(NodeKey, issuer: "x"),
        })
        {
            using var response = await App.GetMeAsync(authorization);
            details.Add(await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized));
        }

        Assert.Equal(details.Count, details.Distinct().Count());
    }

    [Fact]
    public async Task Authenticated_user_without_the_required_claim_gets_403_problem()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await App.Client.SendAsync(request);

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("not allowed", detail, StringComparison.Ordinal);
    }
}
