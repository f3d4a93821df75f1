using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>
/// Revocations and key rotations made by another process (svctl) on the data directory of a running node, on
/// the wall clock and the default Auth:RefreshInterval of 2 seconds.
/// </summary>
public sealed class SharedAuthStateTests : AuthAppTest
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Revocation_by_another_process_reaches_the_running_node_within_the_refresh_interval()
    {
        var token = await AcceptedTokenAsync();

        using var svctl = OtherProcess.Services(App.DataDir);
        await svctl.GetRequiredService<TokenRevoker>().RevokeTokenAsync(new JsonWebToken(token).Id);
        var elapsed = await TimeUntilRefusedAsync(token);

        Assert.True(elapsed <= RefreshInterval + TimeSpan.FromSeconds(1), $"the node took {elapsed} to see the revocation");
    }

    [Fact]
    public async Task Rotation_by_another_process_reaches_the_running_node_within_the_refresh_interval()
    {
        var old = await AcceptedTokenAsync();

        using var svctl = OtherProcess.Services(App.DataDir);
        var rotation = svctl.GetRequiredService<SigningKeyRotator>().Rotate(TimeSpan.Zero);
        var fresh = svctl.GetRequiredService<TokenIssuer>().Issue("alice", TimeSpan.FromHours(1));
        var elapsed = await TimeUntilRefusedAsync(old);
        using var accepted = await App.GetMeWithTokenAsync(fresh);

        Assert.True(elapsed <= RefreshInterval + TimeSpan.FromSeconds(1), $"the node took {elapsed} to see the rotation");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(rotation.KeyId, new JsonWebToken(App.Issuer.Issue("bob", TimeSpan.FromHours(1))).Kid);
    }

    [Fact]
    public async Task Node_reads_the_revocation_store_once_per_refresh_interval_not_once_per_request()
    {
        var counting = new CountingRevocationStore();
        using var directory = new AuthTestDirectory();
        await using var app = await AuthTestApp.StartAsync(
            directory.Sub("data"),
            services: services => services.AddSingleton<ITokenRevocationStore>(sp =>
                counting.Wrap(new FileTokenRevocationStore(sp.GetRequiredService<IOptions<DataDirectoryOptions>>()))));
        var token = app.Issuer.Issue("alice", TimeSpan.FromHours(1));

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++)
        {
            using var response = await app.GetMeWithTokenAsync(token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var allowed = 1 + (int)(stopwatch.Elapsed / RefreshInterval);
        Assert.InRange(counting.Reads, 1, allowed);
    }

    [Fact]
    public async Task Concurrent_revocations_from_many_writers_are_all_recorded_and_seen()
    {
        // Each writer has its own store, as separate svctl processes would; a lost append would be a token that stays valid.
        const int Writers = 8;
        const int PerWriter = 25;
        using var start = new Barrier(Writers);
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            using var svctl = OtherProcess.Services(App.DataDir);
            var revoker = svctl.GetRequiredService<TokenRevoker>();
            start.SignalAndWait();
            for (var i = 0; i < PerWriter; i++)
            {
                revoker.RevokeUserAsync($"user-{w}-{i}").GetAwaiter().GetResult();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var store = new FileTokenRevocationStore(Options.Create(new DataDirectoryOptions { Path = App.DataDir }));
        var all = await store.ReadChangesAsync(cursor: null, CancellationToken.None);
        Assert.Equal(Writers * PerWriter, all.Added.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Deleted_and_recreated_revocation_file_is_read_again_from_its_start()
    {
        // The new file has exactly the old one's length, so only its first line tells the node it is another file.
        using var svctl = OtherProcess.Services(App.DataDir);
        var revoker = svctl.GetRequiredService<TokenRevoker>();
        var first = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        var second = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        await revoker.RevokeTokenAsync(new JsonWebToken(first).Id);
        await TimeUntilRefusedAsync(first);

        File.Delete(Path.Combine(App.DataDir, "auth", "revocations.log"));
        await revoker.RevokeTokenAsync(new JsonWebToken(second).Id);
        await TimeUntilRefusedAsync(second);

        using var unrevoked = await App.GetMeWithTokenAsync(first);
        Assert.Equal(HttpStatusCode.OK, unrevoked.StatusCode);
    }

    [Fact]
    public async Task Fragment_left_by_a_killed_writer_does_not_swallow_the_next_revocation()
    {
        using var svctl = OtherProcess.Services(App.DataDir);
        var revoker = svctl.GetRequiredService<TokenRevoker>();
        var token = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        await revoker.RevokeUserAsync("nobody");
        await File.AppendAllTextAsync(Path.Combine(App.DataDir, "auth", "revocations.log"), "token 0123"); // no line end

        await revoker.RevokeTokenAsync(new JsonWebToken(token).Id);

        await TimeUntilRefusedAsync(token);
    }

    /// <summary>A token the node has accepted once, so its keys and revocations are loaded before the change.</summary>
    private async Task<string> AcceptedTokenAsync()
    {
        var token = App.Issuer.Issue("alice", TimeSpan.FromHours(1));
        using var response = await App.GetMeWithTokenAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return token;
    }

    /// <summary>Polls GET /me with <paramref name="token"/> until it is refused as revoked or retired; fails after 10 s.</summary>
    private async Task<TimeSpan> TimeUntilRefusedAsync(string token)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var response = await App.GetMeWithTokenAsync(token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await ProblemAssert.IsUnauthorizedAsync(response);
                return stopwatch.Elapsed;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The node still accepts the token after 10 s.");
    }

    private sealed class CountingRevocationStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ITokenRevocationStore Wrap(ITokenRevocationStore inner) => new Counting(inner, this);

        private sealed class Counting(ITokenRevocationStore inner, CountingRevocationStore owner) : ITokenRevocationStore
        {
            public ValueTask AddAsync(TokenRevocation revocation, CancellationToken cancellationToken) => inner.AddAsync(revocation, cancellationToken);

            public ValueTask<TokenRevocationChanges> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._reads);
                return inner.ReadChangesAsync(cursor, cancellationToken);
            }
        }
    }
}
