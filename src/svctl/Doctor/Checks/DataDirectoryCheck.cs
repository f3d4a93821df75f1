using System.Globalization;
using System.Text.Json.Nodes;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// The data directory exists or can be created, takes a write, and has room. The check leaves no trace:
/// directories it had to create to try are removed again.
/// </summary>
internal sealed class DataDirectoryCheck(string dataDir, long? warnBelowBytes = null, long? failBelowBytes = null) : IDoctorCheck
{
    public const long DefaultWarnBelowBytes = 5L << 30;   // room for a few hundred transcoded short videos
    public const long DefaultFailBelowBytes = 512L << 20; // below this SQLite and the upload buffers fail soon

    private readonly long _warnBelow = warnBelowBytes ?? DefaultWarnBelowBytes;
    private readonly long _failBelow = failBelowBytes ?? DefaultFailBelowBytes;

    public string Name => "data dir";

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Run());

    private CheckResult Run()
    {
        var path = Path.GetFullPath(dataDir);
        var existed = Directory.Exists(path);
        var created = new List<string>();
        long free;
        try
        {
            CreateRecordingNewDirectories(path, created);
            var probe = Path.Combine(path, $".svctl-doctor-{Guid.NewGuid():N}.probe");
            File.WriteAllBytes(probe, [0x73, 0x76]);
            File.Delete(probe);
            free = new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            var verb = existed ? "is not writable" : "cannot be created";
            return CheckResult.Fail(Name, $"{path} {verb}: {failure.Message}", new JsonObject { ["path"] = path });
        }
        finally
        {
            RemoveCreated(created);
        }

        var facts = new JsonObject { ["path"] = path, ["exists"] = existed, ["freeBytes"] = free };
        var state = existed ? "writable" : "does not exist yet but can be created";
        var room = $"{Size(free)} free";
        if (free < _failBelow)
        {
            return CheckResult.Fail(Name, $"{path} {state}, but only {room}; a node needs at least {Size(_failBelow)}.", facts);
        }

        return free < _warnBelow
            ? CheckResult.Warn(Name, $"{path} {state}; only {room}, less than the {Size(_warnBelow)} recommended for video.", facts)
            : CheckResult.Ok(Name, $"{path} {state}; {room}.", facts);
    }

    private static void CreateRecordingNewDirectories(string path, List<string> created)
    {
        var missing = new Stack<string>();
        for (var directory = path; directory is not null && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory);
            created.Add(directory);
        }
    }

    private static void RemoveCreated(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(created[i], recursive: false);
            }
            catch (IOException)
            {
                return; // something else wrote into it meanwhile: leave it
            }
        }
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };
}
