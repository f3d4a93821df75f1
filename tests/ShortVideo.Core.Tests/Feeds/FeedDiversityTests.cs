using ShortVideo.Feeds;
using ShortVideo.Feeds.ForYou;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>The spacing rules on candidate lists built by hand.</summary>
public sealed class FeedDiversityTests
{
    [Fact]
    public void The_previous_creator_and_a_creator_already_twice_on_the_page_are_never_next()
    {
        List<Candidate> pool = [Item("a", "x"), Item("b", "y"), Item("c", "z")];
        var perCreator = new Dictionary<string, int> { ["b"] = 2 };

        Assert.Equal(2, FeedDiversity.Next(pool, "a", [], perCreator));
        Assert.Equal(-1, FeedDiversity.Next([Item("a", "x"), Item("b", "y")], "a", [], perCreator));
    }

    [Fact]
    public void A_hashtag_run_is_broken_by_a_near_candidate_but_a_distant_one_does_not_jump_the_queue()
    {
        List<Candidate> near = [Item("a", "cats"), Item("b", "cats"), Item("c", "dogs")];
        List<Candidate> far = [Item("a", "cats"), Item("b", "cats"), Item("c", "cats"), Item("d", "dogs")];

        Assert.Equal(2, FeedDiversity.Next(near, "z", ["cats"], []));
        Assert.Equal(0, FeedDiversity.Next(far, "z", ["cats"], []));
        Assert.Equal(0, FeedDiversity.Next(far, "z", ["birds"], []));
    }

    private static Candidate Item(string creator, string hashtag) => new(new CandidateVideo($"{creator}-{hashtag}", creator, [hashtag]), FeedReason.Personalised);
}
