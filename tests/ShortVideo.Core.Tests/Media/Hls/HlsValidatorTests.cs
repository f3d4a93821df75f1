namespace ShortVideo.Core.Tests.Media.Hls;

public sealed class HlsValidatorTests
{
    private static void AssertOneViolation(HlsPackage package, string expectedFragment)
    {
        var violations = package.Validate();
        var violation = Assert.Single(violations);
        Assert.Contains(expectedFragment, violation);
    }

    private static void Edit(HlsPackage package, string uri, string from, string to) =>
        package.Playlists[uri] = package.Playlists[uri].Replace(from, to);

    [Fact]
    public void A_clean_package_has_no_violations() => Assert.Empty(new HlsPackage().Validate());

    [Fact]
    public void A_master_without_the_header_is_reported()
    {
        var package = new HlsPackage();
        package.Master = package.Master.Replace("#EXTM3U\n", "");
        AssertOneViolation(package, "#EXTM3U");
    }

    [Fact]
    public void A_master_without_independent_segments_is_reported()
    {
        var package = new HlsPackage();
        package.Master = package.Master.Replace("#EXT-X-INDEPENDENT-SEGMENTS\n", "");
        AssertOneViolation(package, "INDEPENDENT-SEGMENTS");
    }

    [Theory]
    [InlineData("AVERAGE-BANDWIDTH=390000,", "AVERAGE-BANDWIDTH")]
    [InlineData("CODECS=\"avc1.64001e,mp4a.40.2\",", "CODECS")]
    [InlineData("RESOLUTION=640x360,", "RESOLUTION")]
    [InlineData(",FRAME-RATE=30.000\n360p", "FRAME-RATE")]
    public void A_stream_inf_missing_an_attribute_is_reported(string removed, string attribute)
    {
        var package = new HlsPackage();
        package.Master = package.Master.Replace(removed, removed.EndsWith("360p") ? "\n360p" : "");
        AssertOneViolation(package, $"lacks {attribute}");
    }

    [Fact]
    public void A_stream_inf_missing_bandwidth_is_reported()
    {
        var package = new HlsPackage();
        package.Master = package.Master.Replace("BANDWIDTH=400000,AVERAGE", "AVERAGE");
        AssertOneViolation(package, "lacks BANDWIDTH");
    }

    [Fact]
    public void An_average_bandwidth_above_bandwidth_is_reported()
    {
        var package = new HlsPackage();
        package.Master = package.Master.Replace("AVERAGE-BANDWIDTH=390000", "AVERAGE-BANDWIDTH=450000");
        AssertOneViolation(package, "exceeds its BANDWIDTH");
    }

    [Fact]
    public void A_bandwidth_more_than_ten_percent_below_the_measured_peak_is_reported()
    {
        var package = new HlsPackage();
        package.Files["720p/seg_0001.m4s"] = 1_700_000; // 2.27 Mb/s against 2 Mb/s declared
        AssertOneViolation(package, "measured peak");
    }

    [Fact]
    public void A_peak_within_ten_percent_of_bandwidth_passes()
    {
        var package = new HlsPackage();
        package.Files["720p/seg_0001.m4s"] = 1_600_000; // 2.13 Mb/s against 2 Mb/s declared
        Assert.Empty(package.Validate());
    }

    [Fact]
    public void A_missing_media_playlist_is_reported()
    {
        var package = new HlsPackage();
        package.Playlists.Remove("720p/index.m3u8");
        AssertOneViolation(package, "720p/index.m3u8 does not exist");
    }

    [Fact]
    public void A_segment_longer_than_the_target_duration_is_reported()
    {
        var package = new HlsPackage();
        Edit(package, "720p/index.m3u8", "#EXTINF:6.000000,\nseg_0001", "#EXTINF:6.600000,\nseg_0001");
        AssertOneViolation(package, "longer than the target duration");
    }

    [Fact]
    public void A_segment_just_over_the_target_that_rounds_to_it_passes()
    {
        var package = new HlsPackage();
        Edit(package, "720p/index.m3u8", "#EXTINF:6.000000,\nseg_0001", "#EXTINF:6.400000,\nseg_0001");
        Assert.Empty(package.Validate());
    }

    [Theory]
    [InlineData("#EXT-X-TARGETDURATION:6\n", "TARGETDURATION")]
    [InlineData("#EXT-X-MAP:URI=\"init.mp4\"\n", "EXT-X-MAP")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:VOD\n", "PLAYLIST-TYPE:VOD")]
    [InlineData("#EXT-X-ENDLIST\n", "ENDLIST")]
    public void A_media_playlist_missing_a_tag_is_reported(string tag, string fragment)
    {
        var package = new HlsPackage();
        Edit(package, "360p/index.m3u8", tag, "");
        AssertOneViolation(package, fragment);
    }

    [Fact]
    public void A_media_playlist_below_version_6_is_reported()
    {
        var package = new HlsPackage();
        Edit(package, "360p/index.m3u8", "#EXT-X-VERSION:7", "#EXT-X-VERSION:3");
        AssertOneViolation(package, "EXT-X-VERSION 3");
    }

    [Fact]
    public void A_missing_segment_is_reported()
    {
        var package = new HlsPackage();
        package.Files.Remove("360p/seg_0001.m4s");
        AssertOneViolation(package, "seg_0001.m4s of 360p/index.m3u8 does not exist");
    }

    [Fact]
    public void A_missing_initialization_section_is_reported()
    {
        var package = new HlsPackage();
        package.Files.Remove("720p/init.mp4");
        AssertOneViolation(package, "init.mp4 of 720p/index.m3u8 does not exist");
    }

    [Fact]
    public void A_short_segment_before_the_last_is_reported_but_a_short_last_segment_is_not()
    {
        var package = new HlsPackage();
        package.Playlists["360p/index.m3u8"] = HlsPackage.Media(6, 2);
        package.Playlists["720p/index.m3u8"] = HlsPackage.Media(2, 6);
        package.Files["720p/seg_0000.m4s"] = 400_000;
        package.Files["360p/seg_0001.m4s"] = 100_000;

        AssertOneViolation(package, "seg_0000.m4s of 720p/index.m3u8 lasts 2 s, more than 2 s from the target");
    }

    [Fact]
    public void Renditions_with_different_segment_counts_are_reported_as_unaligned()
    {
        var package = new HlsPackage();
        package.Playlists["720p/index.m3u8"] = HlsPackage.Media(6, 6, 6);
        package.Files["720p/seg_0002.m4s"] = 1_500_000;
        AssertOneViolation(package, "not keyframe-aligned");
    }
}
