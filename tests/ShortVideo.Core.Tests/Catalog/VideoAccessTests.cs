using ShortVideo.Catalog;

namespace ShortVideo.Core.Tests.Catalog;

public sealed class VideoAccessTests
{
    private static VideoRecord Video(VideoVisibility visibility) => new()
    {
        Id = "v1",
        CreatorId = "alice",
        Sha256 = new string('0', 64),
        Visibility = visibility,
    };

    [Theory]
    [InlineData("alice", true)]
    [InlineData("bob", true)]
    [InlineData(null, true)]
    public void A_public_video_is_visible_to_everyone_including_anonymous_viewers(string? viewer, bool expected) =>
        Assert.Equal(expected, VideoAccess.CanView(Video(VideoVisibility.Public), viewer));

    [Theory]
    [InlineData("alice", true)]
    [InlineData("bob", false)]
    [InlineData("ALICE", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_private_video_is_visible_to_its_creator_alone_compared_exactly(string? viewer, bool expected) =>
        Assert.Equal(expected, VideoAccess.CanView(Video(VideoVisibility.Private), viewer));

    [Theory]
    [InlineData(VideoVisibility.Public)]
    [InlineData(VideoVisibility.Private)]
    public void Only_the_creator_may_manage_a_video_whatever_its_visibility(VideoVisibility visibility)
    {
        Assert.True(VideoAccess.CanManage(Video(visibility), "alice"));
        Assert.False(VideoAccess.CanManage(Video(visibility), "bob"));
        Assert.False(VideoAccess.CanManage(Video(visibility), null));
    }

    [Fact]
    public void A_moderator_sees_private_videos_but_manages_none_of_them()
    {
        var moderator = new VideoViewer("mod", IsModerator: true);

        Assert.True(VideoAccess.CanView(Video(VideoVisibility.Private), moderator));
        Assert.False(VideoAccess.CanManage(Video(VideoVisibility.Private), moderator.UserId));
        Assert.False(VideoAccess.CanView(Video(VideoVisibility.Private), VideoViewer.Anonymous));
    }
}
