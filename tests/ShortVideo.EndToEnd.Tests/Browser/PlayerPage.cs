using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace ShortVideo.EndToEnd.Tests.Browser;

/// <summary>
/// player.html open in Chromium: reads the page's window.playback state and waits on it. Every failure
/// carries what a person needs to see why playback broke without re-running: the hls.js errors, the
/// video element's state and the browser console.
/// </summary>
internal sealed class PlayerPage
{
    private const string Video = "document.getElementById('video')";

    private readonly IPage _page;
    private readonly ConcurrentQueue<string> _console = new();

    public PlayerPage(IPage page)
    {
        _page = page;
        page.Console += (_, message) => _console.Enqueue($"[{message.Type}] {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"[pageerror] {error}");
    }

    /// <summary>window.playback: levels, switches and errors as the page recorded them.</summary>
    public Task<JsonElement> PlaybackAsync() => _page.EvaluateAsync<JsonElement>("() => window.playback");

    /// <summary>The video element's playback position in seconds.</summary>
    public Task<double> CurrentTimeAsync() => _page.EvaluateAsync<double>($"() => {Video}.currentTime");

    /// <summary>The height of the frames the video element decodes now.</summary>
    public Task<int> VideoHeightAsync() => _page.EvaluateAsync<int>($"() => {Video}.videoHeight");

    /// <summary>MediaSource.isTypeSupported for fMP4 with these RFC 6381 codecs.</summary>
    public Task<bool> IsTypeSupportedAsync(string codecs) =>
        _page.EvaluateAsync<bool>("codecs => MediaSource.isTypeSupported(`video/mp4; codecs=\"${codecs}\"`)", codecs);

    public Task<int> SwitchToHighestLevelAsync() => _page.EvaluateAsync<int>("() => window.switchToHighestLevel()");

    /// <summary>
    /// Waits until <paramref name="condition"/> (a JavaScript expression over <c>video</c> and <c>playback</c>)
    /// holds (Playwright throws TimeoutException otherwise). Stops early, and throws, when hls.js reports a fatal error or the video element fails:
    /// playback cannot recover from either, so waiting out the timeout would only hide the cause.
    /// </summary>
    public async Task WaitUntilAsync(string condition, TimeSpan timeout, string what)
    {
        var expression =
            $"() => {{ const video = {Video}; const playback = window.playback; " +
            "if (playback.errors.some(e => e.fatal) || playback.videoErrors.length > 0) return 'failed'; " +
            $"return ({condition}) ? 'done' : false; }}";
        string outcome;
        try
        {
            var handle = await _page.WaitForFunctionAsync(expression, null, new PageWaitForFunctionOptions
            {
                Timeout = (float)timeout.TotalMilliseconds,
                PollingInterval = 50,
            });
            outcome = await handle.JsonValueAsync<string>();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Waited {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {what}, in vain.\n{await DiagnosticsAsync()}");
        }

        if (outcome == "failed")
        {
            throw new InvalidOperationException($"Playback failed while waiting for {what}.\n{await DiagnosticsAsync()}");
        }
    }

    /// <summary>The hls.js errors, the rest of the page's state, the video element and the browser console.</summary>
    public async Task<string> DiagnosticsAsync()
    {
        var playback = await PlaybackAsync();
        var video = await _page.EvaluateAsync<JsonElement>(
            $"() => {{ const v = {Video}; return {{ currentTime: v.currentTime, readyState: v.readyState, networkState: v.networkState, paused: v.paused, videoHeight: v.videoHeight }}; }}");
        return $"hls.js errors: {playback.GetProperty("errors")}\n" +
            $"page state: {playback}\n" +
            $"video element: {video}\n" +
            $"browser console:\n{string.Join('\n', _console)}";
    }
}
