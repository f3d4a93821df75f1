using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Paging;

namespace ShortVideo.Hosting.Tests.Paging;

/// <summary>
/// Every list of the API reads <c>limit</c> and <c>cursor</c> one way: a limit outside 1..the list's maximum is 400 naming
/// that range (never capped), and a cursor is honoured only for the viewer and the list it was given for, unchanged and
/// unexpired; anything else is 400 with one sentence, whatever the list.
/// </summary>
public sealed class ListPagingTests(PagingWorld world) : IClassFixture<PagingWorld>
{
    public static TheoryData<string> Lists => PagingWorld.Lists;

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_limit_of_0_10000_minus_1_text_or_given_twice_is_400_problem_json_naming_the_lists_range(string list)
    {
        foreach (var limit in (string[])["limit=0", "limit=10000", "limit=-1", "limit=abc", "limit=", "limit=1&limit=2", "limit=99999999999999999999"])
        {
            using var response = await world.Alice.GetAsync($"{world.Url(list)}&{limit}");

            var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal($"limit must be a whole number from 1 to {PagingWorld.Maxima[list]}.", detail);
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_largest_limit_of_a_list_is_served(string list)
    {
        using var response = await world.Alice.GetAsync($"{world.Url(list)}&limit={PagingWorld.Maxima[list]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_forged_or_altered_cursor_is_400_problem_json_and_the_viewers_own_is_served(string list)
    {
        var own = await world.CursorAsync(world.Alice, list);
        var altered = own[..12] + (own[12] == 'A' ? 'B' : 'A') + own[13..];

        foreach (var forged in (string[])["garbage", altered, own + "A", new string('A', own.Length), "AgAAAZMAAAAAeHl6", new string('A', 5000)])
        {
            await AssertRefusedAsync(list, forged);
        }

        using var served = await world.Alice.GetAsync($"{world.Url(list)}&limit=1&cursor={Uri.EscapeDataString(own)}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Another_users_cursor_for_the_same_list_is_400_problem_json(string list)
    {
        var bobs = await world.CursorAsync(world.Bob, list);

        await AssertRefusedAsync(list, bobs);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_viewers_cursor_from_another_list_is_400_problem_json(string list)
    {
        foreach (var other in PagingWorld.Maxima.Keys.Where(l => l != list && l is "my videos" or "comments" or "search videos" or "for you" or "following"))
        {
            await AssertRefusedAsync(list, await world.CursorAsync(world.Alice, other));
        }
    }

    [Fact]
    public async Task A_for_you_cursor_older_than_its_session_lifetime_is_400_problem_json()
    {
        var cursor = await world.CursorAsync(world.Alice, "for you");

        await Task.Delay(PagingWorld.SessionLifetime + TimeSpan.FromSeconds(1.5));

        await AssertRefusedAsync("for you", cursor);
    }

    private async Task AssertRefusedAsync(string list, string cursor)
    {
        using var response = await world.Alice.GetAsync($"{world.Url(list)}&cursor={Uri.EscapeDataString(cursor)}");

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(ListCursors.Refused, detail);
    }
}
