using Microsoft.Extensions.Options;
using ShortVideo.Feeds;
using ShortVideo.Paging;

namespace ShortVideo.Core.Tests.Paging;

/// <summary>The one cursor scheme of every list: a cursor comes back only to the list and user it was given to, unchanged and unexpired.</summary>
public sealed class ListCursorsTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly TimeSpan Lifetime = new FeedOptions().CursorLifetime;

    [Fact]
    public void A_cursor_reads_back_its_position_for_its_list_and_user()
    {
        var cursors = Cursors(Key, new ManualTimeProvider());
        var text = cursors.Seal("comments:v1", "alice", "-42.c.1");

        Assert.True(cursors.TryOpen(text, "comments:v1", "alice", out var position));
        Assert.Equal("-42.c.1", position);
    }

    [Fact]
    public void A_cursor_is_refused_for_another_user_another_list_or_with_another_key()
    {
        var time = new ManualTimeProvider();
        var cursors = Cursors(Key, time);
        var text = cursors.Seal("comments:v1", "alice", "1.c");
        var otherKey = Cursors([.. Key.Select(b => (byte)(b ^ 1))], time);

        Assert.False(cursors.TryOpen(text, "comments:v1", "bob", out _));
        Assert.False(cursors.TryOpen(text, "comments:v2", "alice", out _));
        Assert.False(cursors.TryOpen(text, "replies:v1", "alice", out _));
        Assert.False(otherKey.TryOpen(text, "comments:v1", "alice", out _));
    }

    [Fact]
    public void List_and_user_names_cannot_be_shifted_into_each_other()
    {
        var cursors = Cursors(Key, new ManualTimeProvider());
        var text = cursors.Seal("videos:a", "b", "1.v");

        Assert.False(cursors.TryOpen(text, "videos:", "ab", out _));
        Assert.False(cursors.TryOpen(text, "videos:ab", "b", out _));
    }

    [Fact]
    public void A_cursor_expires_after_the_configured_lifetime()
    {
        var time = new ManualTimeProvider();
        var cursors = Cursors(Key, time);
        var text = cursors.Seal("videos:u", "alice", "1.v");

        time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(cursors.TryOpen(text, "videos:u", "alice", out _));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cursors.TryOpen(text, "videos:u", "alice", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_the_server_did_not_sign_is_refused(string? text)
    {
        var cursors = Cursors(Key, new ManualTimeProvider());

        Assert.False(cursors.TryOpen(text, "l", "u", out _));
    }

    [Fact]
    public void A_huge_cursor_is_refused_before_it_is_decoded()
    {
        var cursors = Cursors(Key, new ManualTimeProvider());

        Assert.False(cursors.TryOpen(cursors.Seal("l", "u", new string('x', 2000)), "l", "u", out _));
    }

    [Fact]
    public void Changing_any_character_of_a_cursor_makes_it_invalid()
    {
        var cursors = Cursors(Key, new ManualTimeProvider());
        var text = cursors.Seal("l", "u", "123456.some-id");

        for (var i = 0; i < text.Length; i++)
        {
            var changed = text[..i] + (text[i] == 'B' ? 'C' : 'B') + text[(i + 1)..];
            Assert.False(cursors.TryOpen(changed, "l", "u", out _), $"changed at {i}: {changed}");
        }
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedCursorKey(new byte[16]));
    }

    private static ListCursors Cursors(byte[] key, TimeProvider time) => new(new FeedCursorKey(key), time, Options.Create(new FeedOptions()));
}
