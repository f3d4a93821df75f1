using ShortVideo.Catalog;

namespace ShortVideo.Core.Tests.Catalog;

public sealed class HashtagsTests
{
    [Theory]
    [InlineData("Sunset over the bay #Travel #sunset", "travel,sunset")]
    [InlineData("#Cats#dogs and #cats again", "cats")]
    [InlineData("mail me at a#b or c# d", "")]
    [InlineData("#1 fan of #k8s (#Über_Cool)", "k8s,über_cool")]
    [InlineData("日本 #東京 #café", "東京,café")]
    [InlineData(null, "")]
    [InlineData("no tags here", "")]
    public void Captions_yield_lower_case_distinct_hashtags_in_order(string? caption, string expected)
    {
        Assert.Equal(expected, string.Join(',', Hashtags.Parse(caption)));
    }

    [Fact]
    public void A_caption_keeps_at_most_thirty_hashtags_each_at_most_a_hundred_characters()
    {
        var caption = string.Join(' ', Enumerable.Range(0, 40).Select(i => "#t" + i)) + " #" + new string('x', 150);

        var tags = Hashtags.Parse(caption);

        Assert.Equal(Hashtags.MaxPerCaption, tags.Count);
        Assert.Equal(new string('x', Hashtags.MaxLength), Hashtags.Parse("#" + new string('x', 150)).Single());
    }

    [Theory]
    [InlineData("#Travel", "travel")]
    [InlineData("travel", "travel")]
    [InlineData("#", null)]
    [InlineData("123", null)]
    [InlineData("two words", null)]
    [InlineData("drop;--", null)]
    public void Normalize_accepts_one_tag_with_or_without_the_hash(string text, string? expected)
    {
        Assert.Equal(expected, Hashtags.Normalize(text));
    }
}
