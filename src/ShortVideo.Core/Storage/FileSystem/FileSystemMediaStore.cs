using Microsoft.Extensions.Options;
using ShortVideo.Media.Storage;

namespace ShortVideo.Storage.FileSystem;

/// <summary>
/// Media under {root}/media/{videoId}/{version}/. Publishing renames the finished work directory into place
/// when it is on the same filesystem (one atomic step: the version appears whole or not at all); otherwise
/// it copies into a hidden sibling first and renames that.
/// </summary>
internal sealed class FileSystemMediaStore : IMediaStore
{
    private readonly string _media;

    public FileSystemMediaStore(IOptions<FileSystemStorageOptions> options, IOptions<DataDirectoryOptions> dataDirectory)
    {
        var root = Path.GetFullPath(options.Value.Root ?? dataDirectory.Value.Path);
        _media = Path.Combine(root, "media");
    }

    public ValueTask PublishAsync(string videoId, string version, string localDirectory, CancellationToken cancellationToken)
    {
        MediaPaths.Check(videoId, version);
        var target = VersionDirectory(videoId, version);
        if (Directory.Exists(target))
        {
            // Published before (a retried job that crashed after publishing): the version's files are final.
            return ValueTask.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            Directory.Move(localDirectory, target);
        }
        catch (IOException) when (Directory.Exists(localDirectory) && !Directory.Exists(target))
        {
            // Another filesystem: copy next to the target, then rename, so readers never see half a version.
            var staging = target + ".publishing";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            CopyDirectory(localDirectory, staging, cancellationToken);
            Directory.Move(staging, target);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<MediaObject?> GetAsync(string videoId, string version, string path, CancellationToken cancellationToken)
    {
        if (!MediaPaths.IsValidName(videoId) || !MediaPaths.IsValidName(version) || !MediaPaths.IsValidRelativePath(path))
        {
            return ValueTask.FromResult<MediaObject?>(null);
        }

        var file = new FileInfo(Path.Combine(VersionDirectory(videoId, version), path));
        if (!file.Exists)
        {
            return ValueTask.FromResult<MediaObject?>(null);
        }

        var media = new MediaObject(
            file.Length,
            MediaPaths.EntityTag(videoId, version, path, file.Length),
            new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
            (offset, count, _) =>
            {
                var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                stream.Seek(offset, SeekOrigin.Begin);
                return ValueTask.FromResult<Stream>(new LengthLimitedStream(stream, count));
            });
        return ValueTask.FromResult<MediaObject?>(media);
    }

    public ValueTask DeleteAsync(string videoId, string? keepVersion, CancellationToken cancellationToken)
    {
        if (!MediaPaths.IsValidName(videoId))
        {
            throw new ArgumentException("Video ids are letters, digits, '-' and '_'.", nameof(videoId));
        }

        var directory = Path.Combine(_media, videoId);
        if (!Directory.Exists(directory))
        {
            return ValueTask.CompletedTask;
        }

        if (keepVersion is null)
        {
            // Every version goes: the video's folder too, so a deleted video leaves nothing behind.
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }

        foreach (var version in Directory.EnumerateDirectories(directory))
        {
            if (!string.Equals(Path.GetFileName(version), keepVersion, StringComparison.Ordinal))
            {
                Directory.Delete(version, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }

    private string VersionDirectory(string videoId, string version) => Path.Combine(_media, videoId, version);

    private static void CopyDirectory(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
