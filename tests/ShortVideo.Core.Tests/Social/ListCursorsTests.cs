using ShortVideo.Paging;

namespace ShortVideo.Core.Tests.Social;

/// <summary>Signed list cursors: they come back only to the list and user they were given to, unchanged and unexpired.</summary>
public sealed class ListCursorsTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public void A_cursor_reads_back_its_position_for_its_list_and_user()
    {
        var cursors = new ListCursors(Key, new ManualTimeProvider());
        var text = cursors.Encode("comments:v1", "alice", new ListPosition(-42, "c.1"));

        Assert.True(cursors.TryDecode(text, "comments:v1", "alice", out var position));
        Assert.Equal(new ListPosition(-42, "c.1"), position);
    }

    [Fact]
    public void A_cursor_is_refused_for_another_user_another_list_or_with_another_key()
    {
        var time = new ManualTimeProvider();
        var cursors = new ListCursors(Key, time);
        var text = cursors.Encode("comments:v1", "alice", new ListPosition(1, "c"));
        var otherKey = new ListCursors([.. Key.Select(b => (byte)(b ^ 1))], time);

        Assert.False(cursors.TryDecode(text, "comments:v1", "bob", out _));
        Assert.False(cursors.TryDecode(text, "comments:v2", "alice", out _));
        Assert.False(cursors.TryDecode(text, "replies:v1", "alice", out _));
        Assert.False(otherKey.TryDecode(text, "comments:v1", "alice", out _));
    }

    [Fact]
    public void A_cursor_expires_after_its_lifetime()
    {
        var time = new ManualTimeProvider();
        var cursors = new ListCursors(Key, time);
        var text = cursors.Encode("videos:u", "alice", new ListPosition(1, "v"));

        time.Advance(ListCursors.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(cursors.TryDecode(text, "videos:u", "alice", out _));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cursors.TryDecode(text, "videos:u", "alice", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    public void Anything_the_server_did_not_sign_is_refused(string? text)
    {
        var cursors = new ListCursors(Key, new ManualTimeProvider());

        Assert.False(cursors.TryDecode(text, "l", "u", out _));
    }

    [Fact]
    public void Changing_any_character_of_a_cursor_makes_it_invalid()
    {
        var cursors = new ListCursors(Key, new ManualTimeProvider());
        var text = cursors.Encode("l", "u", new ListPosition(123456, "some-id"));

        for (var i = 0; i < text.Length; i++)
        {
            var changed = text[..i] + (text[i] == 'B' ? 'C' : 'B') + text[(i + 1)..];
            Assert.False(cursors.TryDecode(changed, "l", "u", out _), $"changed at {i}: {changed}");
        }
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ListCursors(new byte[16], TimeProvider.System));
    }
}
