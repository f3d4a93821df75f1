using System.Net;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class MaxTokenLifetimeConfigurationTests : IDisposable
{
    private readonly AuthTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Configured_max_token_lifetime_refuses_a_token_the_default_would_accept()
    {
        var dataDir = _directory.Sub("data");
        await using var app = await AuthTestApp.StartAsync(dataDir, configuration: new Dictionary<string, string?> { ["Auth:MaxTokenLifetime"] = "01:00:00" });
        var key = DevSigningKeyStore.LoadOrCreate(dataDir);
        var now = DateTimeOffset.UtcNow;

        using var twoHours = await app.GetMeWithTokenAsync(TestTokens.WithTimes(key, now, now.AddHours(2)));
        using var halfHour = await app.GetMeWithTokenAsync(TestTokens.WithTimes(key, now, now.AddMinutes(30)));

        var detail = await ProblemAssert.IsInvalidTokenAsync(twoHours, "valid for 2 hours (from 'iat'");
        Assert.Contains("longer than the 1 hour this node accepts", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, halfHour.StatusCode);
    }

    [Theory]
    [InlineData("Auth:MaxTokenLifetime", "00:00:00", "Auth:MaxTokenLifetime must be positive and at most 365 days")]
    [InlineData("Auth:MaxTokenLifetime", "400.00:00:00", "Auth:MaxTokenLifetime must be positive and at most 365 days")]
    [InlineData("Auth:RefreshInterval", "00:05:00", "Auth:RefreshInterval must be between 00:00:00 and 00:01:00")]
    [InlineData("Auth:RefreshInterval", "-00:00:01", "Auth:RefreshInterval must be between 00:00:00 and 00:01:00")]
    public async Task Out_of_range_lifetime_settings_fail_at_startup_with_a_sentence(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AuthTestApp.StartAsync(_directory.Sub("data"), configuration: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuer_refuses_a_lifetime_longer_than_the_maximum_nodes_accept()
    {
        await using var app = await AuthTestApp.StartAsync(_directory.Sub("data"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => app.Issuer.Issue("alice", TimeSpan.FromDays(31)));

        Assert.Contains("31 days is longer than the 30 days nodes accept (Auth:MaxTokenLifetime)", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(app.Issuer.Issue("alice", TimeSpan.FromDays(30)));
    }
}
