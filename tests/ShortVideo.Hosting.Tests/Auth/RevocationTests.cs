using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>Revocation by token id and by user, seen by the node that made it (Auth:RefreshInterval 0: every request looks).</summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private readonly AuthTestDirectory _directory = new();
    private readonly ManualClock _clock = new(AuthAppTest.ClockStart);
    private AuthTestApp _app = null!;

    private TokenRevoker Revoker => _app.Services.GetRequiredService<TokenRevoker>();

    public async Task InitializeAsync() => _app = await AuthTestApp.StartAsync(
        _directory.Sub("data"),
        _clock,
        new Dictionary<string, string?> { ["Auth:RefreshInterval"] = "00:00:00" });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Revoked_token_replayed_gets_401_saying_this_token_was_revoked()
    {
        var token = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));
        using var before = await _app.GetMeWithTokenAsync(token);

        var result = await Revoker.RevokeTokenAsync(new JsonWebToken(token).Id);
        using var replayed = await _app.GetMeWithTokenAsync(token);
        using var again = await _app.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(1, result.UnexpiredIssuedTokens);
        Assert.False(result.AlreadyRevoked);
        await ProblemAssert.IsInvalidTokenAsync(replayed, "This token was revoked at 2031-03-04T12:00:00Z: request a new one.");
        await ProblemAssert.IsInvalidTokenAsync(again, "This token was revoked");
    }

    [Fact]
    public async Task Revoking_one_token_leaves_the_other_tokens_of_its_user_working()
    {
        var revoked = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));
        var other = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));

        await Revoker.RevokeTokenAsync(new JsonWebToken(revoked).Id);

        using var response = await _app.GetMeWithTokenAsync(other);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_user_refuses_their_earlier_tokens_and_accepts_tokens_issued_afterwards()
    {
        var aliceBefore = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));
        var aliceAlsoBefore = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));
        var bob = _app.Issuer.Issue("bob", TimeSpan.FromHours(1));

        var result = await Revoker.RevokeUserAsync("alice");
        _clock.Advance(TimeSpan.FromSeconds(1)); // iat has whole seconds: the revocation covers its own second
        var aliceAfter = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));

        Assert.Equal(2, result.UnexpiredIssuedTokens);
        using var first = await _app.GetMeWithTokenAsync(aliceBefore);
        using var second = await _app.GetMeWithTokenAsync(aliceAlsoBefore);
        using var later = await _app.GetMeWithTokenAsync(aliceAfter);
        using var otherUser = await _app.GetMeWithTokenAsync(bob);
        await ProblemAssert.IsInvalidTokenAsync(first, "every token of its user issued until 2031-03-04T12:00:00Z was revoked");
        await ProblemAssert.IsInvalidTokenAsync(second, "This token was revoked");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_user_also_refuses_their_tokens_that_carry_no_iat()
    {
        var key = DevSigningKeyStore.LoadOrCreate(_app.DataDir);
        var withoutIat = TestTokens.WithTimes(key, issuedAt: null, expires: _clock.Now.AddHours(1));

        await Revoker.RevokeUserAsync("alice");
        _clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await _app.GetMeWithTokenAsync(withoutIat);
        await ProblemAssert.IsInvalidTokenAsync(response, "This token was revoked");
    }

    [Fact]
    public async Task Revoking_an_unknown_token_id_or_user_is_recorded_and_says_no_issued_token_matched()
    {
        var tokenResult = await Revoker.RevokeTokenAsync("0123456789abcdef0123456789abcdef");
        var userResult = await Revoker.RevokeUserAsync("nobody");

        Assert.Equal(0, tokenResult.UnexpiredIssuedTokens);
        Assert.False(tokenResult.AlreadyRevoked);
        Assert.Equal(0, userResult.UnexpiredIssuedTokens);
        Assert.Contains("token 0123456789abcdef0123456789abcdef ", await File.ReadAllTextAsync(Path.Combine(_app.DataDir, "auth", "revocations.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_token_twice_says_it_was_already_revoked_and_records_it_once()
    {
        var token = _app.Issuer.Issue("alice", TimeSpan.FromHours(1));
        var id = new JsonWebToken(token).Id;

        await Revoker.RevokeTokenAsync(id);
        var second = await Revoker.RevokeTokenAsync(id);

        Assert.True(second.AlreadyRevoked);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_app.DataDir, "auth", "revocations.log"));
        Assert.Single(lines, line => line.Contains(id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../../etc/passwd")]
    [InlineData("id\nuser alice 99999999999")]
    public async Task Malformed_token_id_is_refused_and_nothing_is_recorded(string tokenId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Revoker.RevokeTokenAsync(tokenId));

        Assert.False(File.Exists(Path.Combine(_app.DataDir, "auth", "revocations.log")));
    }

    [Fact]
    public async Task Revocation_file_is_owner_only()
    {
        await Revoker.RevokeUserAsync("alice");

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_app.DataDir, "auth", "revocations.log")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_app.DataDir, "auth")));
        }
    }
}
