using ShortVideo.Blobs;

namespace ShortVideo.Storage.FileSystem;

/// <summary>Blobs as files under blobs/ab/cd/{sha256}.</summary>
internal sealed class FileSystemBlobStore(FileSystemPaths paths) : IBlobStore, ILocalBlobFiles
{
    public string? GetLocalPath(string sha256Hex)
    {
        var path = paths.BlobFile(sha256Hex);
        return File.Exists(path) ? path : null;
    }

    public string Name => "filesystem";

    public ValueTask<long?> GetSizeAsync(string sha256Hex, CancellationToken cancellationToken)
    {
        var file = new FileInfo(paths.BlobFile(sha256Hex));
        return ValueTask.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public ValueTask<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken)
    {
        var path = paths.BlobFile(sha256Hex);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Blob {sha256Hex} is not stored.", path);
        }

        return ValueTask.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    public ValueTask DeleteAsync(string sha256Hex, CancellationToken cancellationToken)
    {
        File.Delete(paths.BlobFile(sha256Hex));
        return ValueTask.CompletedTask;
    }

    public async ValueTask CheckAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Blobs);
        var probe = Path.Combine(paths.Blobs, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
        File.Delete(probe);
    }
}
