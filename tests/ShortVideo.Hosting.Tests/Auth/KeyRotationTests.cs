using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>Dev key rotation with an overlap window, on the node's clock (moved by hand).</summary>
public sealed class KeyRotationTests() : AuthAppTest(manualClock: true)
{
    private SigningKeyRotator Rotator => App.Services.GetRequiredService<SigningKeyRotator>();

    [Fact]
    public void Issued_token_names_its_signing_key_in_kid()
    {
        var token = new JsonWebToken(App.Issuer.Issue("alice", TimeSpan.FromHours(1)));

        Assert.Matches("^[0-9a-f]{16}$", token.Kid);
    }

    [Fact]
    public async Task After_a_rotation_new_tokens_carry_the_new_kid_and_both_keys_work_during_the_overlap()
    {
        var before = App.Issuer.Issue("alice", TimeSpan.FromDays(2));

        var rotation = Rotator.Rotate(TimeSpan.FromHours(24));
        var after = App.Issuer.Issue("alice", TimeSpan.FromDays(2));

        Assert.Equal(new JsonWebToken(before).Kid, rotation.PreviousKeyId);
        Assert.Equal(rotation.KeyId, new JsonWebToken(after).Kid);
        Assert.NotEqual(rotation.PreviousKeyId, rotation.KeyId);
        Assert.Equal(Clock.Now.AddHours(24), rotation.PreviousKeyRetiresAt);
        Clock.Advance(TimeSpan.FromHours(23));
        using var oldKey = await App.GetMeWithTokenAsync(before);
        using var newKey = await App.GetMeWithTokenAsync(after);
        Assert.Equal(HttpStatusCode.OK, oldKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newKey.StatusCode);
    }

    [Fact]
    public async Task Token_of_the_old_key_after_the_overlap_is_refused_saying_the_key_was_retired()
    {
        var before = App.Issuer.Issue("alice", TimeSpan.FromDays(2));
        Rotator.Rotate(TimeSpan.FromHours(24));
        var after = App.Issuer.Issue("alice", TimeSpan.FromDays(2));

        Clock.Advance(TimeSpan.FromHours(24));
        using var oldKey = await App.GetMeWithTokenAsync(before);
        using var newKey = await App.GetMeWithTokenAsync(after);

        await ProblemAssert.IsInvalidTokenAsync(oldKey, "signed with a key that was rotated out and retired at 2031-03-05T12:00:00Z: request a new token");
        Assert.Equal(HttpStatusCode.OK, newKey.StatusCode);
    }

    [Fact]
    public async Task Rotation_with_no_overlap_retires_the_old_key_at_once()
    {
        var before = App.Issuer.Issue("alice", TimeSpan.FromHours(1));

        Rotator.Rotate(TimeSpan.Zero);

        using var response = await App.GetMeWithTokenAsync(before);
        await ProblemAssert.IsInvalidTokenAsync(response, "rotated out and retired");
    }

    [Fact]
    public async Task Token_without_kid_signed_with_the_first_key_is_accepted_until_that_key_retires()
    {
        // Tokens minted before keys had ids carry no kid: every known key is tried, and retirement still applies.
        var legacy = TestTokens.WithTimes(DevSigningKeyStore.LoadOrCreate(App.DataDir), Clock.Now, Clock.Now.AddDays(2));
        Rotator.Rotate(TimeSpan.FromHours(1));

        using var during = await App.GetMeWithTokenAsync(legacy);
        Clock.Advance(TimeSpan.FromHours(2));
        using var after = await App.GetMeWithTokenAsync(legacy);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        await ProblemAssert.IsInvalidTokenAsync(after, "rotated out and retired");
    }

    [Fact]
    public async Task Token_naming_the_new_kid_but_signed_with_the_old_key_is_refused_after_the_overlap()
    {
        // Borrowing the current key's name must not smuggle a retired key's signature through.
        var oldKey = DevSigningKeyStore.LoadOrCreate(App.DataDir);
        var rotation = Rotator.Rotate(TimeSpan.FromHours(1));
        Clock.Advance(TimeSpan.FromHours(2));

        using var response = await App.GetMeWithTokenAsync(TestTokens.WithTimes(oldKey, Clock.Now, Clock.Now.AddHours(1), kid: rotation.KeyId));

        await ProblemAssert.IsUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31 * 24)]
    public void Overlap_that_is_negative_or_longer_than_the_max_token_lifetime_is_refused(int hours)
    {
        DevSigningKeyStore.LoadOrCreate(App.DataDir);

        Assert.Throws<ArgumentOutOfRangeException>(() => Rotator.Rotate(TimeSpan.FromHours(hours)));
        Assert.Equal(["dev-signing.key"], Directory.GetFiles(DevSigningKeyStore.KeysDirectory(App.DataDir)).Select(Path.GetFileName));
    }

    [Fact]
    public void Rotated_key_file_is_owner_only_and_generation_zero_is_left_untouched()
    {
        DevSigningKeyStore.LoadOrCreate(App.DataDir);
        var first = File.ReadAllText(DevSigningKeyStore.KeyPath(App.DataDir));

        Rotator.Rotate(TimeSpan.FromHours(1));

        var rotated = Path.Combine(DevSigningKeyStore.KeysDirectory(App.DataDir), "dev-signing.1.key");
        Assert.Equal(first, File.ReadAllText(DevSigningKeyStore.KeyPath(App.DataDir)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(rotated));
        }
    }
}
