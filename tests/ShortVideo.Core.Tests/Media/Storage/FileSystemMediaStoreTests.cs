using Microsoft.Extensions.Options;
using ShortVideo.Media.Storage;
using ShortVideo.Storage.FileSystem;

namespace ShortVideo.Core.Tests.Media.Storage;

/// <summary>
/// Media versions on the filesystem: published whole by a rename, read whole or by byte range with a strong
/// ETag, other versions deleted, and request paths that try to leave the version directory find nothing.
/// </summary>
public sealed class FileSystemMediaStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sv-media-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_published_version_is_read_back_whole_and_by_range_with_a_stable_strong_etag()
    {
        var store = Store();
        var work = WorkDirectory(("master.m3u8", "#EXTM3U\n"), ("720p/seg_0001.m4s", "0123456789"));

        await store.PublishAsync("vid1", "v1", work, CancellationToken.None);

        Assert.False(Directory.Exists(work));
        var segment = await store.GetAsync("vid1", "v1", "720p/seg_0001.m4s", CancellationToken.None);
        Assert.NotNull(segment);
        Assert.Equal(10, segment.Length);
        Assert.StartsWith("\"", segment.EntityTag, StringComparison.Ordinal);
        Assert.Equal("0123456789", await ReadAsync(segment, 0, 10));
        Assert.Equal("345", await ReadAsync(segment, 3, 3));
        Assert.Equal(segment.EntityTag, (await store.GetAsync("vid1", "v1", "720p/seg_0001.m4s", CancellationToken.None))!.EntityTag);
        Assert.NotEqual(segment.EntityTag, (await store.GetAsync("vid1", "v1", "master.m3u8", CancellationToken.None))!.EntityTag);
    }

    [Theory]
    [InlineData("../v2/master.m3u8")]
    [InlineData("/etc/passwd")]
    [InlineData("720p/../../v2/master.m3u8")]
    [InlineData("720p//seg.m4s")]
    [InlineData("a b.m3u8")]
    public async Task Paths_that_try_to_leave_the_version_find_nothing(string path)
    {
        var store = Store();
        await store.PublishAsync("vid2", "v1", WorkDirectory(("master.m3u8", "#EXTM3U\n")), CancellationToken.None);
        await store.PublishAsync("vid2", "v2", WorkDirectory(("master.m3u8", "#EXTM3U\n")), CancellationToken.None);

        Assert.Null(await store.GetAsync("vid2", "v1", path, CancellationToken.None));
        Assert.NotNull(await store.GetAsync("vid2", "v1", "master.m3u8", CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_all_but_the_published_version_drops_what_crashed_attempts_left()
    {
        var store = Store();
        await store.PublishAsync("vid3", "old", WorkDirectory(("master.m3u8", "old")), CancellationToken.None);
        await store.PublishAsync("vid3", "new", WorkDirectory(("master.m3u8", "new")), CancellationToken.None);

        await store.DeleteAsync("vid3", "new", CancellationToken.None);

        Assert.Null(await store.GetAsync("vid3", "old", "master.m3u8", CancellationToken.None));
        Assert.Equal("new", await ReadAsync((await store.GetAsync("vid3", "new", "master.m3u8", CancellationToken.None))!, 0, 3));
    }

    [Fact]
    public async Task Publishing_a_version_again_keeps_the_files_it_already_has()
    {
        var store = Store();
        await store.PublishAsync("vid4", "v1", WorkDirectory(("master.m3u8", "first")), CancellationToken.None);
        await store.PublishAsync("vid4", "v1", WorkDirectory(("master.m3u8", "second")), CancellationToken.None);

        Assert.Equal("first", await ReadAsync((await store.GetAsync("vid4", "v1", "master.m3u8", CancellationToken.None))!, 0, 5));
    }

    [Fact]
    public async Task Ids_and_versions_that_are_not_plain_names_are_refused()
    {
        var store = Store();
        var work = WorkDirectory(("master.m3u8", "x"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PublishAsync("../x", "v1", work, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PublishAsync("vid5", "v/1", work, CancellationToken.None));
        Assert.Null(await store.GetAsync("..", "v1", "master.m3u8", CancellationToken.None));
    }

    private FileSystemMediaStore Store() => new(
        Options.Create(new FileSystemStorageOptions { Root = _root }),
        Options.Create(new DataDirectoryOptions { Path = _root }));

    private string WorkDirectory(params (string Path, string Text)[] files)
    {
        var work = Path.Combine(_root, "work", Guid.NewGuid().ToString("N"));
        foreach (var (path, text) in files)
        {
            var file = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return work;
    }

    private static async Task<string> ReadAsync(MediaObject media, long offset, long count)
    {
        await using var stream = await media.OpenAsync(offset, count, CancellationToken.None);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
