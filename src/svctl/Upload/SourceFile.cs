using Microsoft.Win32.SafeHandles;

namespace ShortVideo.Cli.Upload;

/// <summary>The local file being uploaded: identity for the resume key, and positional reads (no shared stream position).</summary>
internal sealed class SourceFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SourceFile(string fullPath, SafeFileHandle handle, long length, long modifiedUtcTicks)
    {
        FullPath = fullPath;
        _handle = handle;
        Length = length;
        ModifiedUtcTicks = modifiedUtcTicks;
    }

    public string FullPath { get; }

    public string Name => Path.GetFileName(FullPath);

    public long Length { get; }

    public long ModifiedUtcTicks { get; }

    /// <summary>Returns one readable sentence when <paramref name="path"/> cannot be uploaded, else null. Cheap: no open.</summary>
    public static string? Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "no file given: svctl upload FILE [--server URL] [--token T]";
        }

        if (Directory.Exists(path))
        {
            return $"{path} is a directory; give a video file";
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return $"{path}: no such file";
        }

        return info.Length == 0 ? $"{path} is empty; there is nothing to upload" : null;
    }

    /// <summary>Opens the file for reading; failures become <see cref="UploadFailedException"/> with a readable sentence.</summary>
    public static SourceFile Open(string path)
    {
        var problem = Check(path);
        if (problem is not null)
        {
            throw new UploadFailedException(problem);
        }

        var fullPath = Path.GetFullPath(path);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UploadFailedException($"{path}: permission denied (cannot read the file)");
        }
        catch (IOException ex)
        {
            throw new UploadFailedException($"{path}: cannot open the file ({ex.Message})", ex);
        }

        try
        {
            var length = RandomAccess.GetLength(handle);
            var modified = File.GetLastWriteTimeUtc(fullPath).Ticks;
            return new SourceFile(fullPath, handle, length, modified);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the bytes at <paramref name="offset"/>.</summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, long offset, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < destination.Length)
        {
            int read;
            try
            {
                read = await RandomAccess.ReadAsync(_handle, destination[done..], offset + done, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // A local disk error is not a network failure: retrying the server would not help.
                throw new UploadFailedException($"cannot read {FullPath}: {ex.Message}", ex);
            }

            if (read == 0)
            {
                throw new UploadFailedException($"{FullPath} got shorter while uploading; run the command again to upload its new content");
            }

            done += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}
