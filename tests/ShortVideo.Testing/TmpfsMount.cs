using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace ShortVideo.Testing;

/// <summary>
/// A real, small filesystem: tmpfs with a size limit, mounted on a temporary directory and unmounted on dispose.
/// Tests of a full disk run against it instead of filling the machine's disk. Mounting needs root (or
/// CAP_SYS_ADMIN); <see cref="TmpfsFactAttribute"/> skips a test, with the reason, where it cannot mount.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);
    private readonly TempDirectory _directory;

    private TmpfsMount(TempDirectory directory, long sizeBytes)
    {
        _directory = directory;
        SizeBytes = sizeBytes;
    }

    /// <summary>Why tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>The mount point.</summary>
    public string Path => _directory.Path;

    /// <summary>The size limit of the filesystem.</summary>
    public long SizeBytes { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> (rounded up to pages) on a fresh directory.</summary>
    public static TmpfsMount Create(long sizeBytes)
    {
        var directory = new TempDirectory("tmpfs");
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes.ToString(CultureInfo.InvariantCulture), "tmpfs", directory.Path);
        if (exitCode != 0)
        {
            directory.Dispose();
            throw new InvalidOperationException($"mount -t tmpfs failed ({exitCode}): {output}");
        }

        return new TmpfsMount(directory, sizeBytes);
    }

    /// <summary>Bytes free on the filesystem now (statvfs, as the node sees it).</summary>
    public long AvailableBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>
    /// Writes a file of up to <paramref name="bytes"/> bytes to take up space, as another program on the disk would;
    /// stops early, without an error, where the disk is full first.
    /// </summary>
    public string Fill(string name, long bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        var block = new byte[64 * 1024];
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            for (long written = 0; written < bytes; written += block.Length)
            {
                file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
            }
        }
        catch (IOException) when (AvailableBytes < block.Length)
        {
            // Full: as much as fitted is written.
        }

        return path;
    }

    public void Dispose()
    {
        // Lazy: a file some server still holds open keeps the mount busy a moment; it is detached now and
        // freed when the last handle closes.
        Run("umount", "-l", Path);
        _directory.Dispose();
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs is a Linux filesystem.";
        }

        try
        {
            using var mount = Create(1024 * 1024);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "Cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + ex.Message;
        }
    }

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}

/// <summary>A fact that needs <see cref="TmpfsMount"/>; skipped, with the reason, where tmpfs cannot be mounted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute() => Skip = TmpfsMount.UnavailableReason;
}
