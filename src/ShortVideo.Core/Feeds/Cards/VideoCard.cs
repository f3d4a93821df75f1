using ShortVideo.Catalog;
using ShortVideo.Interactions;

namespace ShortVideo.Feeds.Cards;

/// <summary>
/// A video as every list a viewer gets shows it (feeds, search, hashtag pages, trending, a profile's videos): the
/// record, its hashtags, its creator, its counters and whether the viewer likes it. Built by <see cref="VideoCards"/> only.
/// </summary>
/// <param name="Video">The video's record.</param>
/// <param name="Hashtags">Its hashtags (<see cref="Catalog.Hashtags.Parse"/> of the caption).</param>
/// <param name="Creator">Who made it, as the viewer sees them.</param>
/// <param name="Counts">Its counters, exact (pending batched writes included).</param>
/// <param name="LikedByMe">The viewer likes it (their own like is seen at once).</param>
public sealed record VideoCard(VideoRecord Video, IReadOnlyList<string> Hashtags, CardCreator Creator, VideoCounts Counts, bool LikedByMe);

/// <summary>The creator of a <see cref="VideoCard"/>.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Handle">Their handle (the id when the node has no user directory or does not know them).</param>
/// <param name="DisplayName">Their display name (the handle when unknown).</param>
/// <param name="Avatar">The video whose poster is their avatar, or null for none.</param>
/// <param name="FollowedByMe">The viewer follows them (their own follow is seen at once).</param>
public sealed record CardCreator(string Id, string Handle, string DisplayName, VideoRecord? Avatar, bool FollowedByMe);
