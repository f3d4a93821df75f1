using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ShortVideo.Catalog;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Storage;

namespace ShortVideo.Feeds;

/// <summary>
/// Finds a video's prefetch hint (<see cref="FeedPrefetch"/>) from its published playlists: the master's middle rung
/// by bandwidth, that rung's init and first segment. A version never changes, so the answer is cached per version
/// (bounded: past the cap the cache starts over).
/// </summary>
internal sealed class MediaPrefetch(IMediaStore store)
{
    private const int CacheCap = 100_000;

    // Our playlists are a few KB; a file far larger is not one we wrote, and is not read.
    private const int MaxPlaylistBytes = 1 << 20;

    private readonly ConcurrentDictionary<(string Key, string Version), FeedPrefetch?> _cache = new();

    public async ValueTask<FeedPrefetch?> ForAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        if (video.MediaVersion is not { } version)
        {
            return null;
        }

        if (_cache.TryGetValue((video.MediaKey, version), out var cached))
        {
            return cached;
        }

        var hint = await FindAsync(video.MediaKey, version, cancellationToken).ConfigureAwait(false);
        if (_cache.Count >= CacheCap)
        {
            _cache.Clear();
        }

        _cache[(video.MediaKey, version)] = hint;
        return hint;
    }

    private async ValueTask<FeedPrefetch?> FindAsync(string key, string version, CancellationToken cancellationToken)
    {
        if (await ReadAsync(key, version, "master.m3u8", cancellationToken).ConfigureAwait(false) is not { } masterText)
        {
            return null;
        }

        var variants = MasterPlaylist.Parse(masterText).Variants
            .Where(v => IsRelative(v.Uri))
            .OrderBy(v => v.Attributes.TryGetValue("BANDWIDTH", out var b) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0)
            .ToList();
        if (variants.Count == 0)
        {
            return null;
        }

        // The middle rung (the lower of two middles): good enough to start on most connections, cheap to fetch ahead.
        var playlist = variants[(variants.Count - 1) / 2].Uri;
        if (await ReadAsync(key, version, playlist, cancellationToken).ConfigureAwait(false) is not { } mediaText)
        {
            return null;
        }

        var media = MediaPlaylist.Parse(mediaText);
        if (media.Segments.Count == 0 || !IsRelative(media.Segments[0].Uri))
        {
            return null;
        }

        var folder = playlist.Contains('/', StringComparison.Ordinal) ? playlist[..(playlist.LastIndexOf('/') + 1)] : string.Empty;
        var init = media.MapUri is { } map && IsRelative(map) ? folder + map : null;
        return new FeedPrefetch(playlist, init, folder + media.Segments[0].Uri);
    }

    private async ValueTask<string?> ReadAsync(string key, string version, string path, CancellationToken cancellationToken)
    {
        var file = await store.GetAsync(key, version, path, cancellationToken).ConfigureAwait(false);
        if (file is null || file.Length > MaxPlaylistBytes)
        {
            return null;
        }

        var stream = await file.OpenAsync(0, file.Length, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRelative(string uri) => MediaPaths.IsValidRelativePath(uri);
}
