using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Search;

/// <summary>Users are found by search from their first request, and by their new handle and name after they change them.</summary>
public sealed class UserSearchTests : IAsyncLifetime
{
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_user_without_videos_is_found_after_one_request_and_by_the_handle_they_choose()
    {
        using var newcomer = _node.Client("quietwalrus");
        using var searcher = _node.Client("searcher");
        using (var me = await newcomer.GetAsync("api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.Equal(["quietwalrus"], await FoundAsync(searcher, "quietwal"));

        using (var patch = await newcomer.PatchAsJsonAsync("api/v1/me", new { handle = "tidepool_fan", displayName = "Marina Okafor" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        Assert.Equal(["quietwalrus"], await FoundAsync(searcher, "tidepool"));
        Assert.Equal(["quietwalrus"], await FoundAsync(searcher, "okafor"));
        Assert.Empty(await FoundAsync(searcher, "quietwalrus"));
    }

    private static async Task<List<string>> FoundAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/search?type=users&q={Uri.EscapeDataString(query)}");
        return [.. page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()!)];
    }
}
