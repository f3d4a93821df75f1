using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Search;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Search;

/// <summary>The search index on SQLite FTS5.</summary>
public sealed class SqliteSearchIndexTests() : SearchIndexContract(MetadataEngineKind.Sqlite);

/// <summary>The search index on PostgreSQL (tsvector and pg_trgm) on a real server.</summary>
public sealed class PostgresSearchIndexTests() : SearchIndexContract(MetadataEngineKind.Postgres);

/// <summary>The search index on a real database of each engine: prefixes, typos, hashtags, syntax, unicode, deletion, paging.</summary>
public abstract class SearchIndexContract(MetadataEngineKind engine) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private StoreServices _stores = null!;
    private ServiceProvider _services = null!;
    private int _created;

    private IVideoSearchIndex Videos => _services.GetRequiredService<IVideoSearchIndex>();

    private IUserSearchIndex Users => _services.GetRequiredService<IUserSearchIndex>();

    public async Task InitializeAsync()
    {
        _stores = await StoreServices.CreateAsync(engine);
        _services = _stores.Node();
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Whole_words_match_captions_and_newer_videos_come_first()
    {
        await IndexAsync("old", "A sunny beach day");
        await IndexAsync("cat", "my cat sleeps");
        await IndexAsync("new", "Beach volleyball at sunset");

        Assert.Equal(["new", "old"], await SearchAsync("beach "));
        Assert.Equal(["cat"], await SearchAsync("CAT "));
        Assert.Empty(await SearchAsync("dog "));
    }

    [Fact]
    public async Task Every_word_must_match_and_the_last_one_is_a_prefix_while_typing()
    {
        await IndexAsync("music", "live music tonight");
        await IndexAsync("musician", "a musician on the street");
        await IndexAsync("museum", "museum of modern art");

        Assert.Equal(["musician", "music"], await SearchAsync("musi"));
        Assert.Equal(["music"], await SearchAsync("live mus"));
        Assert.Empty(await SearchAsync("live muse"));
        Assert.Empty(await SearchAsync("musi "));
    }

    [Fact]
    public async Task A_word_typed_in_full_ranks_above_longer_words_it_starts_whatever_their_age()
    {
        await IndexAsync("exact", "cat pictures");
        await IndexAsync("longer", "category theory");

        Assert.Equal(["exact", "longer"], await SearchAsync("cat"));
    }

    [Theory]
    [InlineData("volleybal")] // deletion
    [InlineData("volleyballl")] // insertion
    [InlineData("volleyvall")] // substitution
    [InlineData("volelyball")] // transposition
    public async Task One_typo_in_a_word_of_five_letters_or_more_is_forgiven(string typed)
    {
        await IndexAsync("v", "Beach volleyball at sunset");

        Assert.Equal(["v"], await SearchAsync(typed + " "));
    }

    [Fact]
    public async Task Exact_matches_rank_above_typo_matches_and_two_typos_or_short_words_are_not_forgiven()
    {
        await IndexAsync("older", "guitar solo");
        await IndexAsync("typo", "a guitarr lesson");
        await IndexAsync("exact", "a guitar lesson");

        Assert.Equal(["exact", "older", "typo"], await SearchAsync("guitar "));
        Assert.Empty(await SearchAsync("gitarx "));
        await IndexAsync("dog", "my dog");
        Assert.Empty(await SearchAsync("dug "));
    }

    [Fact]
    public async Task A_hashtag_query_matches_hashtags_only_and_a_plain_word_matches_both()
    {
        await IndexAsync("tagged", "sunset #travel");
        await IndexAsync("worded", "I love travel");

        Assert.Equal(["tagged"], await SearchAsync("#travel "));
        Assert.Equal(["worded", "tagged"], await SearchAsync("travel "));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"beach")]
    [InlineData("beach*")]
    [InlineData("*")]
    [InlineData("NEAR(beach sunset)")]
    [InlineData("beach OR sunset")]
    [InlineData("beach AND NOT sunset")]
    [InlineData("-beach")]
    [InlineData("^beach")]
    [InlineData("caption:beach")]
    [InlineData("(beach")]
    [InlineData("beach -- comment")]
    [InlineData("/* beach */")]
    [InlineData("'; DROP TABLE videos; --")]
    [InlineData("{caption tags}: beach")]
    [InlineData("beach & !sunset")]
    [InlineData("beach:*")]
    [InlineData("beach:A")]
    [InlineData("'beach'")]
    [InlineData("beach <-> sunset")]
    [InlineData("beach <2> sunset")]
    [InlineData("!beach")]
    [InlineData("beach | sunset")]
    [InlineData("\\beach\\")]
    [InlineData("beach' & 'x")]
    [InlineData("e'; SELECT pg_sleep(5); --")]
    [InlineData("$1 %s %% _ beach_%")]
    [InlineData("##beach #")]
    public async Task Query_syntax_characters_are_separators_and_keywords_are_plain_words(string typed)
    {
        await IndexAsync("beach", "Beach volleyball at sunset");
        await IndexAsync("near", "near or and not");

        Assert.True(SearchQuery.TryParse(typed, out var query, out _));
        var page = await Videos.SearchAsync(query, null, 20, None);

        // Whatever it finds, it finds by words: no exception, and operators are searched as the words they spell.
        Assert.All(page.Items, id => Assert.Contains(id, new[] { "beach", "near" }));
    }

    [Fact]
    public async Task Operator_words_are_found_as_words()
    {
        await IndexAsync("ops", "near or and not");
        await IndexAsync("other", "something else");

        Assert.Equal(["ops"], await SearchAsync("NEAR OR AND NOT "));
    }

    [Fact]
    public async Task Diacritics_case_and_scripts_fold_alike()
    {
        await IndexAsync("cafe", "Un CAFÉ crème à Paris");
        await IndexAsync("jp", "東京 タワー の夜景");
        await IndexAsync("ru", "Москва ночью");

        Assert.Equal(["cafe"], await SearchAsync("cafe creme "));
        Assert.Equal(["cafe"], await SearchAsync("Café"));
        Assert.Equal(["jp"], await SearchAsync("東京 "));
        Assert.Equal(["ru"], await SearchAsync("москв"));
    }

    [Fact]
    public async Task A_removed_video_leaves_at_once_and_its_words_and_hashtags_are_forgotten()
    {
        await IndexAsync("gone", "zebra crossing #stripes");
        await IndexAsync("kept", "zebra herd");

        await Videos.RemoveAsync("gone", None);

        Assert.Equal(["kept"], await SearchAsync("zebra "));
        Assert.Empty(await SearchAsync("crossin"));
        Assert.Empty((await Videos.ListTaggedAsync("stripes", null, 20, None)).Items);
        Assert.Empty((await Videos.SearchHashtagsAsync(Parse("str"), null, 20, None)).Items);
        await Videos.RemoveAsync("never-indexed", None);
    }

    [Fact]
    public async Task Indexing_twice_keeps_one_entry_and_a_changed_caption_replaces_the_old_words()
    {
        await IndexAsync("v", "first words #one");
        await IndexAsync("v", "first words #one");
        Assert.Equal(["v"], await SearchAsync("first "));
        Assert.Equal(1, Assert.Single((await Videos.SearchHashtagsAsync(Parse("one"), null, 20, None)).Items).Videos);

        await Videos.IndexAsync([new SearchableVideo("v", "alice", "second words #two", Start)], None);

        Assert.Empty(await SearchAsync("first "));
        Assert.Equal(["v"], await SearchAsync("second "));
        Assert.Empty((await Videos.SearchHashtagsAsync(Parse("one"), null, 20, None)).Items);
    }

    [Fact]
    public async Task Hashtags_are_found_by_prefix_most_used_first_with_their_counts_and_paged()
    {
        await IndexAsync("a", "#travel #food");
        await IndexAsync("b", "#travel #tram");
        await IndexAsync("c", "#travel #Tramway");

        var first = await Videos.SearchHashtagsAsync(Parse("#tra"), null, 2, None);
        var second = await Videos.SearchHashtagsAsync(Parse("#tra"), first.Next, 2, None);

        Assert.Equal([new HashtagHit("travel", 3), new HashtagHit("tram", 1)], first.Items);
        Assert.Equal([new HashtagHit("tramway", 1)], second.Items);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task A_hashtags_videos_are_listed_newest_first_in_pages_without_gaps_or_repeats()
    {
        for (var i = 0; i < 5; i++)
        {
            await IndexAsync($"v{i}", $"clip {i} #dance");
        }

        var seen = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = await Videos.ListTaggedAsync("dance", cursor, 2, None);
            seen.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(["v4", "v3", "v2", "v1", "v0"], seen);
    }

    [Fact]
    public async Task Search_pages_run_through_the_tiers_without_gaps_or_repeats()
    {
        for (var i = 0; i < 4; i++)
        {
            await IndexAsync($"exact{i}", "piano lesson");
            await IndexAsync($"longer{i}", "pianos lesson");
            await IndexAsync($"typo{i}", "pianno lesson");
        }

        var seen = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = await Videos.SearchAsync(Parse("lesson piano"), cursor, 3, None);
            seen.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(
            ["exact3", "exact2", "exact1", "exact0", "longer3", "longer2", "longer1", "longer0", "typo3", "typo2", "typo1", "typo0"],
            seen);
    }

    [Fact]
    public async Task Users_are_found_by_handle_parts_and_display_name_and_ensure_never_overwrites_a_profile()
    {
        await Users.UpsertAsync("u1", "alice_wonder", "Alice Liddell", None);
        await Users.EnsureAsync("u1", None);
        await Users.EnsureAsync("bob", None);

        Assert.Equal(["u1"], await UsersAsync("alice "));
        Assert.Equal(["u1"], await UsersAsync("lidd"));
        Assert.Equal(["u1"], await UsersAsync("wonder "));
        Assert.Equal(["bob"], await UsersAsync("bob"));
        Assert.Equal("Alice Liddell", (await Users.SearchAsync(Parse("alice"), null, 5, None)).Items[0].DisplayName);

        await Users.UpsertAsync("u1", "queen", "Red Queen", None);
        Assert.Empty(await UsersAsync("alice "));
        await Users.RemoveAsync("u1", None);
        Assert.Empty(await UsersAsync("queen "));
    }

    [Theory]
    [InlineData("масква ")] // substitution, Cyrillic (PostgreSQL: its test server runs the C locale)
    [InlineData("москав ")] // transposition
    [InlineData("pâtiserie ")] // deletion, after folding the diacritic
    [InlineData("creme_brulle ")] // substitution inside a word joined by '_'
    public async Task One_typo_is_forgiven_in_any_script_and_across_underscores(string typed)
    {
        await IndexAsync("moscow", "Москва ночью");
        await IndexAsync("paris", "pâtisserie crème_brûlée");
        await IndexAsync("other", "something else entirely");

        var found = await SearchAsync(typed);

        Assert.Single(found);
        Assert.Contains(found[0], new[] { "moscow", "paris" });
    }

    [Fact]
    public async Task Prefixes_complete_in_any_script_and_the_most_used_completions_win()
    {
        await IndexAsync("tokyo", "東京タワー");
        await IndexAsync("cafe1", "Café au lait");
        await IndexAsync("cafe2", "cafeteria food");

        Assert.Equal(["tokyo"], await SearchAsync("東京"));
        Assert.Equal(["cafe1", "cafe2"], await SearchAsync("CAFÉ"));
        Assert.Empty(await SearchAsync("c")); // one letter completes nothing (it would read a twentieth of the vocabulary)
    }

    [Theory]
    [InlineData("#\"")]
    [InlineData("#tr%")]
    [InlineData("#_")]
    [InlineData("tr' OR '1'='1")]
    [InlineData("tr:* | x")]
    public async Task Hostile_hashtag_and_user_queries_find_by_words_only(string typed)
    {
        await IndexAsync("a", "#travel #tram");
        await Users.UpsertAsync("u1", "traveller", "Tra Vel", None);

        Assert.True(SearchQuery.TryParse(typed, out var query, out _));
        var tags = await Videos.SearchHashtagsAsync(query, null, 20, None);
        var users = await Users.SearchAsync(query, null, 20, None);

        var first = query.IsEmpty ? null : query.Words[0].Term;
        Assert.All(tags.Items, t => Assert.StartsWith(first!, t.Tag, StringComparison.Ordinal));
        Assert.All(users.Items, u => Assert.Equal("u1", u.UserId));
    }

    [Fact]
    public void A_blank_or_too_long_query_is_refused_with_a_sentence_and_punctuation_only_is_an_empty_query()
    {
        Assert.False(SearchQuery.TryParse("   ", out _, out var blank));
        Assert.False(SearchQuery.TryParse(new string('a', 1000), out _, out var tooLong));
        Assert.True(SearchQuery.TryParse("\"*()", out var punctuation, out _));

        Assert.Contains("at least one word", blank, StringComparison.Ordinal);
        Assert.Contains("at most 256", tooLong, StringComparison.Ordinal);
        Assert.True(punctuation.IsEmpty);
    }

    [Fact]
    public void A_cursor_of_another_query_or_with_a_changed_byte_is_refused()
    {
        var scope = Parse("beach").Scope("videos");
        var text = new SearchCursor(scope, 1, 42).Encode();

        Assert.True(SearchCursor.TryParse(text, scope, out var read));
        Assert.Equal(new SearchCursor(scope, 1, 42), read);
        Assert.False(SearchCursor.TryParse(text, Parse("sunset").Scope("videos"), out _));
        Assert.False(SearchCursor.TryParse(text, Parse("beach").Scope("users"), out _));
        for (var i = 0; i < text.Length - 1; i++)
        {
            // Every character but the last (whose low bits base64 may drop) changes what the cursor says: refused.
            Assert.False(SearchCursor.TryParse(text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..], scope, out _), $"changed at {i}");
        }

        Assert.False(SearchCursor.TryParse("garbage", scope, out _));
    }

    private async Task IndexAsync(string id, string caption) =>
        await Videos.IndexAsync([new SearchableVideo(id, "alice", caption, Start.AddSeconds(_created++))], None);

    private async Task<List<string>> SearchAsync(string text) => [.. (await Videos.SearchAsync(Parse(text), null, 50, None)).Items];

    private async Task<List<string>> UsersAsync(string text) => [.. (await Users.SearchAsync(Parse(text), null, 50, None)).Items.Select(u => u.UserId)];

    private static SearchQuery Parse(string text) => SearchQuery.TryParse(text, out var query, out var problem) ? query : throw new ArgumentException(problem);
}
