using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Hosting.Configuration;

namespace ShortVideo.Cli.Doctor;

/// <summary>Builds the checks a configuration calls for and runs them; no console, so tests call it directly.</summary>
internal static class DoctorRunner
{
    public static IReadOnlyList<IDoctorCheck> CreateChecks(IConfiguration configuration) =>
    [
        new ExecutableCheck("ffmpeg"),
        new ExecutableCheck("ffprobe"),
        new DataDirectoryCheck(configuration[NodeConfiguration.DataDirKey] ?? NodeConfiguration.DefaultDataDir),
        new MetadataDatabaseCheck(configuration[NodeConfiguration.DataDirKey] ?? NodeConfiguration.DefaultDataDir, configuration["Storage:FileSystem:Root"], configuration["Metadata:Provider"]),
        new GpuCheck(),
        new RedisCheck(configuration["Redis:ConnectionString"]),
        new S3Check(configuration.GetSection("Storage")),
        new PostgresCheck(configuration["Metadata:Postgres:ConnectionString"]),
    ];

    public static Task<DoctorReport> RunAsync(IConfiguration configuration, CancellationToken cancellationToken) =>
        RunAsync(CreateChecks(configuration), cancellationToken);

    /// <summary>Runs the checks concurrently (each has its own timeout) and reports them in the given order.</summary>
    public static async Task<DoctorReport> RunAsync(IEnumerable<IDoctorCheck> checks, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(checks.Select(check => RunOneAsync(check, cancellationToken)));
        return new DoctorReport(results);
    }

    private static async Task<CheckResult> RunOneAsync(IDoctorCheck check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        CheckResult result;
        try
        {
            // Off the caller's thread: some checks block (process start, DriveInfo, the CUDA driver).
            result = await Task.Run(() => check.RunAsync(cancellationToken), cancellationToken);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug in a check must not hide the other checks' results; its message is still a sentence.
            result = CheckResult.Fail(check.Name, $"The check itself failed: {unexpected.Message}");
        }

        return result with { Duration = Stopwatch.GetElapsedTime(started) };
    }
}
