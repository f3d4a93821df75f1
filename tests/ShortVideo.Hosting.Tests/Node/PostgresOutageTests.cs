using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Node;

/// <summary>
/// PostgreSQL stopped under a running node (its own server, so no other test is cut off): readiness fails while
/// liveness holds, writes answer 503 problem+json with Retry-After, and once the server is back everything
/// acknowledged before the outage is there and the refused write succeeds when retried.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("pg-outage");
    private PostgresServer _server = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE outage", admin);
        await create.ExecuteNonQueryAsync();
        _connectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "outage", Timeout = 3 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task With_postgres_stopped_writes_answer_503_with_retry_after_readiness_fails_and_nothing_acknowledged_is_lost()
    {
        await using var node = await InProcessNode.StartAsync(
            o =>
            {
                o["Metadata:Provider"] = "Postgres";
                o["Metadata:Postgres:ConnectionString"] = _connectionString;
            },
            _data.Path);
        using var alice = node.Client("alice");
        using var bob = node.Client("bob");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/me")).StatusCode);
        using (var follow = await bob.PutAsync("api/v1/users/alice/follow", null))
        {
            Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        }

        await _server.StopAsync();

        using (var refused = await bob.PatchAsJsonAsync("api/v1/me", new { displayName = "Bob in the dark" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("Retry", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var ready = await alice.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using (var live = await alice.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await _server.RestartAsync();

        await WaitUntilReadyAsync(alice);
        var profile = await alice.GetFromJsonAsync<JsonElement>("api/v1/users/alice");
        Assert.Equal(1, profile.GetProperty("followerCount").GetInt32());
        using (var retried = await bob.PatchAsJsonAsync("api/v1/me", new { displayName = "Bob in the dark" }))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        Assert.Equal("Bob in the dark", (await alice.GetFromJsonAsync<JsonElement>("api/v1/users/bob")).GetProperty("displayName").GetString());
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var ready = await client.GetAsync("readyz");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the node did not become ready within 30 s of PostgreSQL's restart");
            await Task.Delay(200);
        }
    }
}
