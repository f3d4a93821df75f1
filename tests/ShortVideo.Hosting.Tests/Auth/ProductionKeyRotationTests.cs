using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>In Production, rotation is configuration: Auth:SigningKey plus Auth:PreviousSigningKeys with a ValidUntil.</summary>
public sealed class ProductionKeyRotationTests : IDisposable
{
    private static readonly DateTimeOffset Now = AuthAppTest.ClockStart;

    private readonly AuthTestDirectory _directory = new();
    private readonly ManualClock _clock = new(Now);
    private readonly byte[] _current = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _previous = RandomNumberGenerator.GetBytes(32);

    public void Dispose() => _directory.Dispose();

    private Task<AuthTestApp> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Production",
            ["Auth:SigningKey"] = Convert.ToBase64String(_current),
            ["Auth:PreviousSigningKeys:0:Key"] = Convert.ToBase64String(_previous),
            ["Auth:PreviousSigningKeys:0:ValidUntil"] = "2031-03-05T12:00:00Z",
        };
        foreach (var (key, value) in extra ?? [])
        {
            configuration[key] = value;
        }

        return AuthTestApp.StartAsync(_directory.Sub("data"), _clock, configuration);
    }

    [Fact]
    public async Task Previous_key_is_accepted_until_its_valid_until_then_refused_as_retired()
    {
        await using var app = await StartAsync();
        var byPrevious = TestTokens.WithTimes(_previous, Now, Now.AddDays(2));
        var byCurrent = TestTokens.WithTimes(_current, Now, Now.AddDays(2));

        using var during = await app.GetMeWithTokenAsync(byPrevious);
        _clock.Advance(TimeSpan.FromDays(1));
        using var after = await app.GetMeWithTokenAsync(byPrevious);
        using var current = await app.GetMeWithTokenAsync(byCurrent);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        await ProblemAssert.IsInvalidTokenAsync(after, "rotated out and retired at 2031-03-05T12:00:00Z");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Identity_provider_kid_that_names_no_configured_key_is_ignored_and_the_signature_decides()
    {
        // An identity provider names its keys its own way; the node cannot know those names.
        await using var app = await StartAsync();

        using var genuine = await app.GetMeWithTokenAsync(TestTokens.WithTimes(_current, Now, Now.AddHours(1), kid: "idp-key-7"));
        using var forged = await app.GetMeWithTokenAsync(TestTokens.WithTimes(new byte[32], Now, Now.AddHours(1), kid: "idp-key-7"));

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        await ProblemAssert.IsInvalidTokenAsync(forged, "signature does not match");
    }

    [Fact]
    public async Task Issuer_signs_with_the_current_key_and_names_it()
    {
        await using var app = await StartAsync();

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(app.Issuer.Issue("alice", TimeSpan.FromHours(1)));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_current))[..16], token.Kid);
        Assert.False(Directory.Exists(Path.Combine(app.DataDir, "auth"))); // no dev record of issued tokens
    }

    [Theory]
    [InlineData("Auth:PreviousSigningKeys:0:ValidUntil", null, "Auth:PreviousSigningKeys:0:ValidUntil is required")]
    [InlineData("Auth:PreviousSigningKeys:0:Key", "c2hvcnQ=", "Auth:PreviousSigningKeys:0:Key is 5 bytes long")]
    [InlineData("Auth:PreviousSigningKeys:0:Key", "not base64!", "Auth:PreviousSigningKeys:0:Key is not valid base64")]
    public async Task Bad_previous_key_fails_at_startup_naming_the_setting(string key, string? value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_with_svctl_in_production_mode_is_refused_pointing_at_the_configuration()
    {
        await using var app = await StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<SigningKeyRotator>().Rotate(TimeSpan.FromHours(1)));

        Assert.Contains("Auth:PreviousSigningKeys", error.Message, StringComparison.Ordinal);
    }
}
