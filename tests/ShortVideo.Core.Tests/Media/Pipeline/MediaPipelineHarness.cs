using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Media.Pipeline;
using ShortVideo.Media.Transcoding;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Media.Pipeline;

/// <summary>
/// The media pipeline as a worker runs it, without a node: the real upload engine, filesystem store, SQLite and
/// ffmpeg in a temporary data directory. A file is uploaded, then processed once; what a job's retry would see is
/// what <see cref="ProcessAsync"/> returns or throws. ffmpeg runs through a script that notes each command line,
/// so a test sees how often the source was decoded.
/// </summary>
internal sealed class MediaPipelineHarness : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-pipeline-").FullName;
    private readonly string _runLog;
    private readonly ServiceProvider _services;

    public MediaPipelineHarness()
    {
        _runLog = Path.Combine(_dataDir, "ffmpeg-runs.log");
        var ffmpeg = Path.Combine(_dataDir, "ffmpeg");
        File.WriteAllText(ffmpeg, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{_runLog}'\nexec ffmpeg \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The pipeline tests run ffmpeg through a POSIX shell script.");
        }

        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DataDirectoryOptions>(o => o.Path = _dataDir);
        services.Configure<TranscoderOptions>(o => o.FfmpegPath = ffmpeg);
        services.AddShortVideo().AddFileSystemStorage().AddSqliteMetadata().AddSqliteJobQueue().AddUploads().AddMediaPipeline();
        _services = services.BuildServiceProvider();
    }

    /// <summary>The command line of every ffmpeg run so far, arguments joined by spaces, in order.</summary>
    public IReadOnlyList<string> FfmpegRuns => File.Exists(_runLog) ? File.ReadAllLines(_runLog) : [];

    /// <summary>Uploads the file in one request and processes the video it became; returns the final record.</summary>
    public async Task<VideoRecord> ProcessAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var upload = await _services.GetRequiredService<UploadEngine>().CreateAsync(
            new CreateUploadRequest { OwnerId = "alice", Length = bytes.Length },
            new MemoryStream(bytes),
            bytes.Length,
            CancellationToken.None);
        var videoId = upload.VideoId ?? throw new InvalidOperationException("The upload did not complete.");
        var video = await _services.GetRequiredService<MediaProcessor>().ProcessAsync(videoId, CancellationToken.None);
        return video ?? throw new InvalidOperationException($"Video {videoId} is gone.");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
