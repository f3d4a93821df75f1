using Microsoft.Extensions.Options;
using ShortVideo.Uploads;

namespace ShortVideo.Storage.FileSystem;

/// <summary>
/// Unfinished uploads as files under uploads/; a finished upload becomes its blob by rename (same
/// filesystem), so the bytes are written exactly once.
/// </summary>
internal sealed class FileSystemUploadDataStore : IUploadDataStore, IUploadFreeSpace
{
    private readonly FileSystemPaths _paths;
    private readonly bool _flushToDisk;
    private readonly bool _directIo;

    public FileSystemUploadDataStore(FileSystemPaths paths, IOptions<FileSystemStorageOptions> options)
    {
        _paths = paths;
        _flushToDisk = options.Value.FlushToDisk;
        _directIo = options.Value.DirectIo;
    }

    public ValueTask<string?> CreateAsync(string uploadId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_paths.Uploads);
        using (new FileStream(_paths.UploadFile(uploadId), FileMode.Create, FileAccess.Write, FileShare.None))
        {
        }

        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask<IUploadDataWriter> OpenWriterAsync(string uploadId, long offset, string? storeState, CancellationToken cancellationToken)
    {
        var path = _paths.UploadFile(uploadId);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The data of this upload is missing from the store.", path);
        }

        if (_directIo && DirectUploadDataWriter.TryOpen(path, offset, _flushToDisk) is { } direct)
        {
            return ValueTask.FromResult<IUploadDataWriter>(direct);
        }

        // bufferSize 0: our chunks are large, and every byte handed over must reach the OS (a kill -9 keeps it).
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.None);
        return ValueTask.FromResult<IUploadDataWriter>(new FileSystemUploadDataWriter(stream, offset, _flushToDisk));
    }

    public ValueTask<Stream> OpenReadAsync(string uploadId, long length, string? storeState, CancellationToken cancellationToken)
    {
        var stream = new FileStream(_paths.UploadFile(uploadId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return ValueTask.FromResult<Stream>(new LengthLimitedStream(stream, length));
    }

    public ValueTask<bool> PromoteAsync(string uploadId, long length, string? storeState, string sha256Hex, CancellationToken cancellationToken)
    {
        var source = _paths.UploadFile(uploadId);
        var target = _paths.BlobFile(sha256Hex);
        if (!File.Exists(source))
        {
            // Never report "deduplicated" for bytes we do not have: the engine decides what a missing file means.
            throw new FileNotFoundException($"The data of upload {uploadId} is not in the upload store.", source);
        }

        if (File.Exists(target))
        {
            File.Delete(source);
            return ValueTask.FromResult(false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(source, target, overwrite: false);
            return ValueTask.FromResult(true);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same bytes won the rename: ours is the duplicate.
            File.Delete(source);
            return ValueTask.FromResult(false);
        }
    }

    /// <summary>statvfs of the uploads directory: what an unprivileged writer may still write there (blobs share it).</summary>
    public long AvailableBytes()
    {
        Directory.CreateDirectory(_paths.Uploads);
        return new DriveInfo(_paths.Uploads).AvailableFreeSpace;
    }

    public ValueTask DeleteAsync(string uploadId, string? storeState, CancellationToken cancellationToken)
    {
        File.Delete(_paths.UploadFile(uploadId));
        return ValueTask.CompletedTask;
    }
}
