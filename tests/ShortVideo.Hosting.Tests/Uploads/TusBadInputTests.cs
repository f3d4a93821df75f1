using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>Every bad input of the upload slice, each with the answer a client can act on.</summary>
public sealed class TusBadInputTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(o => o["Uploads:MaxSizeBytes"] = "1000000");
        _alice = _node.Client("alice");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _node.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    public async Task Requests_without_a_valid_token_get_401_problem_json(string? authorization)
    {
        using var client = _node.Client(user: null);
        var request = Create(10);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        using var client = _node.Client(user: null);
        var request = Create(10);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ExpiredToken());
        using var response = await client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_gets_401()
    {
        await using var other = await InProcessNode.StartAsync();
        using var client = _node.Client(user: null);
        var request = Create(10);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", other.Token("alice"));
        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("0.2.2")]
    [InlineData(null)]
    public async Task Wrong_or_missing_tus_resumable_gets_412_with_tus_version(string? version)
    {
        var request = Create(10);
        request.Headers.Remove("Tus-Resumable");
        if (version is not null)
        {
            request.Headers.Add("Tus-Resumable", version);
        }

        using var response = await _alice.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
    }

    [Theory]
    [InlineData("-5", HttpStatusCode.BadRequest)]
    [InlineData("ten", HttpStatusCode.BadRequest)]
    [InlineData("1.5", HttpStatusCode.BadRequest)]
    [InlineData("1000001", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("99999999999999999999999", HttpStatusCode.RequestEntityTooLarge)]
    public async Task Bad_upload_length_is_refused(string length, HttpStatusCode expected)
    {
        var request = Create(null);
        request.Headers.TryAddWithoutValidation("Upload-Length", length);
        using var response = await _alice.SendAsync(request);
        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task Missing_upload_length_without_defer_is_refused()
    {
        using var response = await _alice.SendAsync(Create(null));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("filename not*base64")]
    [InlineData("filename YQ==,filename Yg==")]
    [InlineData("bad key YQ==")]
    public async Task Malformed_upload_metadata_is_refused(string metadata)
    {
        using var response = await _alice.SendAsync(Create(10, metadata));
        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Upload-Metadata", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_past_upload_length_is_refused_and_stores_nothing()
    {
        var location = await CreateAsync(10);
        using var response = await _alice.SendAsync(Patch(location, 0, new byte[11]));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("0", await OffsetAsync(location));
    }

    [Fact]
    public async Task Patch_with_wrong_offset_returns_409()
    {
        var location = await CreateAsync(10);
        using var response = await _alice.SendAsync(Patch(location, 3, new byte[5]));
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_with_non_numeric_offset_returns_400()
    {
        var location = await CreateAsync(10);
        var request = Patch(location, 0, new byte[5]);
        request.Headers.Remove("Upload-Offset");
        request.Headers.TryAddWithoutValidation("Upload-Offset", "-1");
        using var response = await _alice.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_with_wrong_content_type_returns_415()
    {
        var location = await CreateAsync(10);
        using var response = await _alice.SendAsync(Patch(location, 0, new byte[5], contentType: "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Checksum_mismatch_returns_460_and_keeps_the_offset()
    {
        var location = await CreateAsync(10);
        using var response = await _alice.SendAsync(Patch(location, 0, new byte[10], Sha256Checksum(new byte[9])));
        await AssertProblemAsync(response, (HttpStatusCode)460);
        Assert.Equal("0", await OffsetAsync(location));
    }

    [Theory]
    [InlineData("crc32 AAAAAA==")]
    [InlineData("sha256 ***")]
    [InlineData("sha256")]
    public async Task Unknown_checksum_algorithm_or_malformed_digest_returns_400(string checksum)
    {
        var location = await CreateAsync(10);
        using var response = await _alice.SendAsync(Patch(location, 0, new byte[10], checksum));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("0", await OffsetAsync(location));
    }

    [Fact]
    public async Task Someone_elses_upload_answers_404_to_head_patch_delete_and_concatenation()
    {
        var location = await CreateAsync(10);
        using var partial = await _alice.SendAsync(Create(5, concat: "partial"));
        using (await _alice.SendAsync(Patch(partial.Headers.Location!, 0, new byte[5])))
        {
        }

        using var mallory = _node.Client("mallory");
        using (var head = await mallory.SendAsync(Head(location)))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        await AssertProblemAsync(await mallory.SendAsync(Patch(location, 0, new byte[10])), HttpStatusCode.NotFound);
        await AssertProblemAsync(await mallory.SendAsync(Delete(location)), HttpStatusCode.NotFound);
        await AssertProblemAsync(await mallory.SendAsync(Create(null, concat: $"final;{partial.Headers.Location}")), HttpStatusCode.NotFound);
        Assert.Equal("0", await OffsetAsync(location));
    }

    [Fact]
    public async Task Unknown_upload_and_unknown_video_answer_404_problem_json()
    {
        await AssertProblemAsync(await _alice.SendAsync(Patch(new Uri(_node.BaseAddress, "api/v1/uploads/nope"), 0, new byte[1])), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _alice.GetAsync("api/v1/videos/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_patch_keeps_its_bytes_and_can_resume_within_a_second()
    {
        var data = RandomBytes(600_000, seed: 5);
        var location = await CreateAsync(data.Length);

        // A raw socket: send half the body of a PATCH that announced all of it, then vanish.
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(_node.BaseAddress.Host, _node.BaseAddress.Port);
            var head = $"PATCH {location.AbsolutePath} HTTP/1.1\r\nHost: {_node.BaseAddress.Authority}\r\nAuthorization: Bearer {_node.Token("alice")}\r\n" +
                       $"Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {data.Length}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await socket.SendAsync(data.AsMemory(0, 300_000));
            await Task.Delay(200);
            socket.Close(0);
        }

        var started = DateTime.UtcNow;
        long offset;
        while (true)
        {
            offset = long.Parse(await OffsetAsync(location), System.Globalization.CultureInfo.InvariantCulture);
            if (offset == 300_000 || DateTime.UtcNow - started > TimeSpan.FromSeconds(1))
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(300_000, offset);
        using var resumed = await _alice.SendAsync(Patch(location, offset, data[(int)offset..]));
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var videoId = resumed.Headers.GetValues("Video-Id").Single();
        var video = JsonDocument.Parse(await _alice.GetStringAsync($"api/v1/videos/{videoId}")).RootElement;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)), video.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_patch_whose_content_length_would_overflow_past_upload_length_gets_413_at_once()
    {
        // Hostile: offset + Content-Length wraps around to a negative number if added up.
        var location = await CreateAsync(1000);
        using (var first = await _alice.SendAsync(Patch(location, 0, new byte[10])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_node.BaseAddress.Host, _node.BaseAddress.Port);
        var head = $"PATCH {location.AbsolutePath} HTTP/1.1\r\nHost: {_node.BaseAddress.Authority}\r\nAuthorization: Bearer {_node.Token("alice")}\r\n" +
                   $"Tus-Resumable: 1.0.0\r\nUpload-Offset: 10\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {long.MaxValue}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        await socket.SendAsync(new byte[100]);

        var answer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await socket.ReceiveAsync(answer, SocketFlags.None, timeout.Token);
        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(answer, 0, read), StringComparison.Ordinal);
        Assert.Equal("10", await OffsetAsync(location));
    }

    private string ExpiredToken()
    {
        // Signed with the node's own key, valid in every way except that its lifetime ended an hour ago.
        var services = _node.App.Services;
        var issuer = new TokenIssuer(
            services.GetRequiredService<SigningKeyProvider>(),
            services.GetRequiredService<IOptions<AuthOptions>>(),
            new PastClock(DateTimeOffset.UtcNow.AddHours(-2)));
        return issuer.Issue("alice", TimeSpan.FromHours(1));
    }

    private sealed class PastClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private async Task<Uri> CreateAsync(long length)
    {
        using var created = await _alice.SendAsync(Create(length));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!;
    }

    private async Task<string> OffsetAsync(Uri location)
    {
        using var head = await _alice.SendAsync(Head(location));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        return Offset(head);
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            var detail = problem.GetProperty("detail").GetString() ?? string.Empty;
            Assert.False(string.IsNullOrWhiteSpace(detail));
            Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
            return detail;
        }
    }
}
