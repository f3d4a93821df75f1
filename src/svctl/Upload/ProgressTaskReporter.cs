using Spectre.Console;

namespace ShortVideo.Cli.Upload;

/// <summary>Feeds a Spectre.Console progress task; Spectre derives the rate and the ETA from the values.</summary>
internal sealed class ProgressTaskReporter : IProgress<UploadProgress>
{
    private readonly ProgressTask _task;

    public ProgressTaskReporter(ProgressTask task)
    {
        _task = task;
    }

    public void Report(UploadProgress value)
    {
        _task.MaxValue = value.TotalBytes;
        _task.Value = value.BytesUploaded;
    }
}
