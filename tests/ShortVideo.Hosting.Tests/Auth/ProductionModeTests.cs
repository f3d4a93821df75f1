using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class ProductionModeTests : IDisposable
{
    private readonly AuthTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Production_mode_without_a_signing_key_fails_at_startup_with_a_readable_message()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthTestApp.StartAsync(
            _directory.Sub("data"),
            configuration: new Dictionary<string, string?> { ["Auth:Mode"] = "Production" }));

        Assert.Contains("Auth:SigningKey is required when Auth:Mode is Production", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c2hvcnQ=", "shorter than the 32 bytes")]
    [InlineData("not-base64!", "not valid base64")]
    public async Task Production_mode_with_a_bad_signing_key_fails_at_startup_saying_what_is_wrong(string key, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AuthTestApp.StartAsync(
            _directory.Sub("data"),
            configuration: new Dictionary<string, string?> { ["Auth:Mode"] = "Production", ["Auth:SigningKey"] = key }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_mode_uses_the_configured_key_issuer_and_audience_and_creates_no_dev_key()
    {
        var key = new byte[48];
        Random.Shared.NextBytes(key);
        var dataDir = _directory.Sub("data");
        await using var app = await AuthTestApp.StartAsync(dataDir, configuration: new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Production",
            ["Auth:SigningKey"] = Convert.ToBase64String(key),
            ["Auth:Issuer"] = "https://id.example",
            ["Auth:Audience"] = "videos",
        });

        using var accepted = await app.GetMeWithTokenAsync(
            TestTokens.Create(key, issuer: "https://id.example", audience: "videos", subject: "carol"));
        using var defaultAudience = await app.GetMeWithTokenAsync(
            TestTokens.Create(key, issuer: "https://id.example", subject: "carol"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("carol", await accepted.Content.ReadAsStringAsync());
        await ProblemAssert.IsInvalidTokenAsync(defaultAudience, "audience is not 'videos'");
        Assert.False(Directory.Exists(Path.Combine(dataDir, "keys")));
    }

    [Fact]
    public async Task Token_signed_with_HS512_and_the_configured_key_is_refused_because_only_HS256_is_accepted()
    {
        // A 64-byte key is long enough for HS512 too: only the algorithm allow-list refuses the token.
        var key = new byte[64];
        Random.Shared.NextBytes(key);
        await using var app = await AuthTestApp.StartAsync(_directory.Sub("data"), configuration: new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Production",
            ["Auth:SigningKey"] = Convert.ToBase64String(key),
        });

        using var hs512 = await app.GetMeWithTokenAsync(TestTokens.Create(key, algorithm: SecurityAlgorithms.HmacSha512));
        using var hs256 = await app.GetMeWithTokenAsync(TestTokens.Create(key));

        await ProblemAssert.IsInvalidTokenAsync(hs512, "not signed with HS256");
        Assert.Equal(HttpStatusCode.OK, hs256.StatusCode);
    }
}
