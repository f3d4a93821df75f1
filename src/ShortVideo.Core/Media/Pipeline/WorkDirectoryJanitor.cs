using System.Diagnostics;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Clears the media work directory when a worker starts. A node killed with SIGKILL leaves its ffmpeg child
/// running (nothing delivers the parent's death to it) and half-written outputs behind; the job itself is
/// leased again once its lease expires, in a fresh directory, so whatever the old run left is garbage.
/// Orphans are found by their command line, which names their output paths under this work directory, so
/// another node's transcodes (another data directory) are never touched.
/// </summary>
internal static class WorkDirectoryJanitor
{
    /// <summary>Kills orphaned ffmpeg processes writing under <paramref name="workRoot"/>, then deletes what is there. Returns how many were killed.</summary>
    public static int Clean(string workRoot)
    {
        var killed = OperatingSystem.IsLinux() ? KillOrphans(workRoot) : 0;
        if (Directory.Exists(workRoot))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(workRoot))
            {
                try
                {
                    if (Directory.Exists(entry))
                    {
                        Directory.Delete(entry, recursive: true);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }
                catch (IOException)
                {
                    // A process we could not kill still holds it; the next start tries again.
                }
            }
        }

        return killed;
    }

    private static int KillOrphans(string workRoot)
    {
        var marker = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workRoot)) + "/";
        var killed = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (!commandLine.Contains(marker, StringComparison.Ordinal) || !IsFfmpeg(commandLine))
            {
                continue;
            }

            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
                killed++;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone in the meantime, or not ours to kill.
                continue;
            }

            // kill() returns before the process is gone, and it is not our child to wait for: until it has
            // exited it may still create files, which would make deleting its directory fail.
            WaitUntilGone(directory);
        }

        return killed;
    }

    private static void WaitUntilGone(string procDirectory)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (Environment.TickCount64 < deadline && Directory.Exists(procDirectory) && !IsZombie(procDirectory))
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>A killed orphan that exited but was not reaped yet is a zombie ("Z" in /proc/PID/stat): it holds nothing.</summary>
    private static bool IsZombie(string procDirectory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool IsFfmpeg(string commandLine)
    {
        var program = commandLine.Split(' ', 2)[0];
        return Path.GetFileName(program).StartsWith("ffmpeg", StringComparison.Ordinal);
    }
}
