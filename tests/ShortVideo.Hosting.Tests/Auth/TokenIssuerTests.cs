using Microsoft.IdentityModel.JsonWebTokens;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class TokenIssuerTests() : AuthAppTest(manualClock: true)
{
    [Fact]
    public void Issued_token_is_HS256_with_sub_name_iat_nbf_exp_iss_aud_and_jti()
    {
        var token = new JsonWebToken(App.Issuer.Issue("alice", TimeSpan.FromHours(24)));

        Assert.Equal("HS256", token.Alg);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("alice", token.GetClaim("name").Value);
        Assert.Equal("shortvideo", token.Issuer);
        Assert.Equal(["shortvideo-api"], token.Audiences);
        Assert.Equal(Clock.Now.UtcDateTime, token.IssuedAt);
        Assert.Equal(Clock.Now.UtcDateTime, token.ValidFrom);
        Assert.Equal(Clock.Now.UtcDateTime.AddHours(24), token.ValidTo);
        Assert.Matches("^[0-9a-f]{32}$", token.Id);
    }

    [Fact]
    public void Two_tokens_for_the_same_user_have_different_ids()
    {
        var a = new JsonWebToken(App.Issuer.Issue("alice", TimeSpan.FromHours(1)));
        var b = new JsonWebToken(App.Issuer.Issue("alice", TimeSpan.FromHours(1)));

        Assert.NotEqual(a.Id, b.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("ünïcode")]
    [InlineData("alice\n")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Invalid_user_id_is_refused_with_a_message_listing_the_allowed_characters(string userId)
    {
        var error = Assert.Throws<ArgumentException>(() => App.Issuer.Issue(userId, TimeSpan.FromHours(1)));

        Assert.Contains("1 to 64 characters among letters, digits, '_', '.' and '-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_id_of_64_characters_is_accepted()
    {
        var userId = new string('a', 64);

        Assert.Equal(userId, new JsonWebToken(App.Issuer.Issue(userId, TimeSpan.FromHours(1))).Subject);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Zero_or_negative_lifetime_is_refused(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => App.Issuer.Issue("alice", TimeSpan.FromSeconds(seconds)));
    }
}
