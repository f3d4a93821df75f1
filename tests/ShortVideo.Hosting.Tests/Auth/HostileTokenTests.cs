using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>What a client who holds no key, or one token, tries against the node's token checks.</summary>
public sealed class HostileTokenTests : AuthAppTest
{
    private const string Alice = """{"sub":"alice","iss":"shortvideo","aud":"shortvideo-api","exp":EXP}""";

    private byte[] NodeKey => DevSigningKeyStore.LoadOrCreate(App.DataDir);

    private static string Payload() => Alice.Replace("EXP", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"alg":"none"}""", false)]
    [InlineData("""{"alg":"None","typ":"JWT"}""", false)]
    [InlineData("""{"alg":"NONE","typ":"JWT"}""", true)]
    [InlineData("""{"typ":"JWT"}""", true)]
    public async Task Token_without_an_hmac_algorithm_is_refused_even_with_a_valid_node_signature(string header, bool withNodeSignature)
    {
        var token = TestTokens.Raw(header, Payload(), withNodeSignature ? NodeKey : null);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not signed with HS256");
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("HS512")]
    [InlineData("HS384")]
    [InlineData("ES256")]
    public async Task Header_naming_another_algorithm_over_an_HS256_signature_of_the_node_key_is_refused(string algorithm)
    {
        // The classic confusion: the header claims one algorithm, the bytes are an HMAC with a key the node holds.
        var token = TestTokens.Raw($$"""{"alg":"{{algorithm}}","typ":"JWT"}""", Payload(), NodeKey);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not signed with HS256");
    }

    [Fact]
    public async Task Token_really_signed_with_RS256_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var token = new JsonWebTokenHandler().CreateToken(Payload(), new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256));

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "not signed with HS256");
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("../../etc/passwd")]
    [InlineData("../keys/dev-signing.key")]
    [InlineData("dev-signing.key")]
    public async Task Token_whose_kid_names_no_key_of_this_node_is_refused_though_the_node_key_signed_it(string kid)
    {
        // Signed with the real key: only the kid is wrong. A node that looked the kid up as a path, or ignored it,
        // would answer differently.
        var now = DateTimeOffset.UtcNow;
        var token = TestTokens.WithTimes(NodeKey, now, now.AddHours(1), kid: kid);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "names a signing key ('kid') this node does not have: it was issued for another node or data directory");
        Assert.Equal(["dev-signing.key"], Directory.GetFiles(Path.Combine(App.DataDir, "keys")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("""{"alg":"HS256","kid":123}""")]
    [InlineData("""{"alg":"HS256","kid":{"path":"/etc/passwd"}}""")]
    [InlineData("""{"alg":"HS256","kid":["a","b"]}""")]
    public async Task Kid_that_is_not_a_string_gets_401_not_a_server_error(string header)
    {
        using var response = await App.GetMeWithTokenAsync(TestTokens.Raw(header, Payload(), NodeKey));

        await ProblemAssert.IsUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Huge_token_is_refused_unread_with_a_sentence_giving_the_limit()
    {
        var padding = new string('x', 300_000);
        var token = TestTokens.Raw("""{"alg":"HS256"}""", Payload().Replace("\"sub\"", $"\"pad\":\"{padding}\",\"sub\"", StringComparison.Ordinal), NodeKey);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsInvalidTokenAsync(response, "this API reads tokens of at most 16384 characters");
    }

    [Fact]
    public async Task Token_just_under_the_size_limit_is_still_read()
    {
        var now = DateTimeOffset.UtcNow;
        var payload = $$"""{"pad":"{{new string('x', 11_000)}}","sub":"alice","iss":"shortvideo","aud":"shortvideo-api","iat":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""";

        using var response = await App.GetMeWithTokenAsync(TestTokens.Raw("""{"alg":"HS256"}""", payload, NodeKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("1e300")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public async Task Nonsense_exp_gets_401_not_a_server_error(string exp)
    {
        var token = TestTokens.Raw("""{"alg":"HS256"}""", Alice.Replace("EXP", exp, StringComparison.Ordinal), NodeKey);

        using var response = await App.GetMeWithTokenAsync(token);

        await ProblemAssert.IsUnauthorizedAsync(response);
    }
}
