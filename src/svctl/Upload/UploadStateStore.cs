using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// Resume state files, one per (full path, size, mtime) of a source file, under
/// <c>$XDG_STATE_HOME/svctl/uploads/</c> (fallback <c>~/.local/state/svctl/uploads/</c>).
/// A changed file (size or mtime) gets a new key, so stale bytes on the server are never continued.
/// </summary>
internal sealed class UploadStateStore
{
    private readonly string _directory;

    public UploadStateStore(string directory)
    {
        _directory = directory;
    }

    public string Directory => _directory;

    public static string DefaultDirectory()
    {
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(stateHome) || !Path.IsPathRooted(stateHome))
        {
            // The XDG spec says a relative value is invalid and must be ignored.
            stateHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(stateHome, "svctl", "uploads");
    }

    public string PathFor(string fullPath, long sizeBytes, long modifiedUtcTicks)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{fullPath}\n{sizeBytes}\n{modifiedUtcTicks}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Path.Combine(_directory, Convert.ToHexStringLower(hash.AsSpan(0, 16)) + ".json");
    }

    /// <summary>Returns the state for the file, or null when there is none or it cannot be read (then it is ignored).</summary>
    public UploadState? TryLoad(string fullPath, long sizeBytes, long modifiedUtcTicks)
    {
        var path = PathFor(fullPath, sizeBytes, modifiedUtcTicks);
        try
        {
            using var stream = File.OpenRead(path);
            var state = JsonSerializer.Deserialize(stream, UploadJsonContext.Default.UploadState);

            // The key is a hash: check the file really is the one described (and not a collision).
            return state is not null && state.FilePath == fullPath && state.SizeBytes == sizeBytes && state.ModifiedUtcTicks == modifiedUtcTicks
                ? state
                : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A torn or foreign file only costs a fresh upload.
            return null;
        }
    }

    /// <summary>Writes the state atomically (temp file + rename): a kill -9 leaves the old or the new file, never half of one.</summary>
    public void Save(UploadState state)
    {
        System.IO.Directory.CreateDirectory(_directory);
        var path = PathFor(state.FilePath, state.SizeBytes, state.ModifiedUtcTicks);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = File.Create(temp))
        {
            JsonSerializer.Serialize(stream, state, UploadJsonContext.Default.UploadState);
        }

        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string fullPath, long sizeBytes, long modifiedUtcTicks)
    {
        var path = PathFor(fullPath, sizeBytes, modifiedUtcTicks);
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover state file is harmless: the next run HEADs the URL and starts over when it is gone.
        }
    }
}
