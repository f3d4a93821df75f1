using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ShortVideo.Testing;
using Xunit.Abstractions;

namespace ShortVideo.EndToEnd.Tests.Browser;

/// <summary>
/// The proof that what the media pipeline publishes plays: an uploaded clip, its HLS ladder served by a node,
/// and hls.js in Chromium on a page from another origin, switching renditions as a feed player does.
/// </summary>
public sealed partial class HlsPlaybackTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Long and large enough for a ladder of several renditions and, with 6 s segments, for a second
    // segment to switch into; 720p keeps the transcode within seconds on a 2-core machine.
    private const int ClipWidth = 1280;
    private const int ClipHeight = 720;
    private const double ClipSeconds = 12;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    // The switch flushes the buffer and reloads the current position from the highest rendition.
    private static readonly TimeSpan SwitchTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _temp = new("hls-playback");
    private InProcessNode? _node;
    private PlayerPageServer? _site;
    private HeadlessChromium? _chromium;

    public async Task InitializeAsync()
    {
        try
        {
            _node = await InProcessNode.StartAsync(dataDir: Directory.CreateDirectory(_temp.Combine("node")).FullName);
            _site = await PlayerPageServer.StartAsync();
            _chromium = await HeadlessChromium.LaunchAsync();
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync throws: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Hls_js_in_chromium_plays_an_uploaded_clip_from_another_origin_and_switches_to_the_highest_rendition()
    {
        var master = await UploadAndWaitUntilReadyAsync();
        var renditions = await FetchRenditionsAsync(master);
        Assert.True(renditions.Count >= 2, $"A {ClipWidth}x{ClipHeight} clip needs a ladder to switch in; the master lists {renditions.Count} rendition(s).");

        var clock = Stopwatch.StartNew();
        var page = await _chromium!.OpenAsync(_site!.PlayerFor(master));
        var playback = await page.PlaybackAsync();
        Assert.True(playback.GetProperty("hlsSupported").GetBoolean(), $"Hls.isSupported() is false: Chromium has no Media Source Extensions.\n{await page.DiagnosticsAsync()}");
        Assert.True(playback.GetProperty("h264AacSupported").GetBoolean(), $"MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.64001f,mp4a.40.2\"') is false: this Chromium cannot decode H.264/AAC.\n{await page.DiagnosticsAsync()}");
        foreach (var codecs in renditions.Select(r => r.Codecs).Distinct())
        {
            Assert.True(await page.IsTypeSupportedAsync(codecs), $"Chromium's MediaSource does not support the master playlist's CODECS=\"{codecs}\".");
        }

        // Start: past 2 s of playback on the lowest rendition, with no fatal error.
        await page.WaitUntilAsync("video.currentTime > 2", StartTimeout, "playback to pass 2 s");
        var timeToTwoSeconds = clock.Elapsed;

        playback = await page.PlaybackAsync();
        var levels = playback.GetProperty("levels").EnumerateArray()
            .Select(l => (Width: l.GetProperty("width").GetInt32(), Height: l.GetProperty("height").GetInt32()))
            .ToList();
        Assert.Equal(renditions.Count, levels.Count);
        Assert.Equal(
            renditions.Select(r => (r.Width, r.Height)).Order(),
            levels.Order());
        var lowest = playback.GetProperty("lowestLevel").GetInt32();
        Assert.Equal(renditions.Min(r => r.Height), levels[lowest].Height);

        // Switch: ask for the highest rendition; hls.js reloads the current position from it and says so.
        var highest = await page.SwitchToHighestLevelAsync();
        Assert.NotEqual(lowest, highest);
        await page.WaitUntilAsync($"playback.switches.some(s => s.level === {highest})", SwitchTimeout, $"LEVEL_SWITCHED to level {highest}");
        var timeToSwitch = clock.Elapsed;
        await page.WaitUntilAsync($"video.videoHeight === {levels[highest].Height} && !video.paused", SwitchTimeout, $"{levels[highest].Height}p frames on screen");

        playback = await page.PlaybackAsync();
        var switches = playback.GetProperty("switches").EnumerateArray().Select(s => s.GetProperty("level").GetInt32()).ToList();
        var firstLowest = switches.IndexOf(lowest);
        Assert.True(
            firstLowest >= 0 && switches.IndexOf(highest, firstLowest) > firstLowest,
            $"Expected LEVEL_SWITCHED to {lowest} then to {highest}; saw [{string.Join(", ", switches)}].\n{await page.DiagnosticsAsync()}");
        Assert.DoesNotContain(playback.GetProperty("errors").EnumerateArray(), e => e.GetProperty("fatal").GetBoolean());
        Assert.Empty(playback.GetProperty("videoErrors").EnumerateArray());

        output.WriteLine($"levels parsed by hls.js: {string.Join(", ", levels.Select(l => $"{l.Width}x{l.Height}"))}");
        output.WriteLine($"LEVEL_SWITCHED sequence: [{string.Join(", ", switches)}] (lowest {lowest}, highest {highest})");
        output.WriteLine($"page open to 2 s of playback: {timeToTwoSeconds.TotalMilliseconds:0} ms; to the switch: {timeToSwitch.TotalMilliseconds:0} ms");
        output.WriteLine($"non-fatal hls.js errors: {playback.GetProperty("errors")}");
    }

    private async Task<Uri> UploadAndWaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        var clip = await TestClips.VideoAsync(_temp.Path, "clip.mp4", ClipWidth, ClipHeight, ClipSeconds);
        using var alice = _node!.Client("alice");
        var id = await VideoRequests.UploadAsync(alice, clip, TusRequests.Metadata(("filename", "clip.mp4")));
        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id, TimeSpan.FromSeconds(60));
        Assert.True(video.GetProperty("status").GetString() == "ready", $"The clip did not become ready: {video}");
        output.WriteLine($"clip generated, uploaded and transcoded in {clock.Elapsed.TotalMilliseconds:0} ms");
        return new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
    }

    /// <summary>The renditions as the master playlist lists them: what hls.js must end up with.</summary>
    private static async Task<List<(int Width, int Height, string Codecs)>> FetchRenditionsAsync(Uri master)
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync(master);
        return StreamInf().Matches(text)
            .Select(m => (
                int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture),
                m.Groups["codecs"].Value))
            .ToList();
    }

    [GeneratedRegex("""^#EXT-X-STREAM-INF:.*CODECS="(?<codecs>[^"]+)".*RESOLUTION=(?<w>\d+)x(?<h>\d+)""", RegexOptions.Multiline)]
    private static partial Regex StreamInf();
}
