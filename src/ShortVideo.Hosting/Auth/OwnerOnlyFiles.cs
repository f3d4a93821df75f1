namespace ShortVideo.Hosting.Auth;

/// <summary>Directories and files of auth state (keys, revocations) that only their owner may read or change.</summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="directory"/> with mode 0700; its parent (the data directory) gets the usual mode.</summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            Directory.CreateDirectory(directory, OwnerReadWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Writes <paramref name="content"/> to a file that must not exist yet, mode 0600, flushed to disk.</summary>
    public static void WriteNew(string path, string content)
    {
        using var stream = new FileStream(path, Options(FileMode.CreateNew, FileAccess.Write, FileShare.None));
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Options that create a missing file with mode 0600.</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open)
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }
}
