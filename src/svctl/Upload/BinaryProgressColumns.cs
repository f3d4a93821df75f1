using Spectre.Console;
using Spectre.Console.Rendering;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// "1.5 MiB / 12.0 MiB": the bytes the server acknowledged out of the file's size, in binary units. Spectre's own
/// DownloadedColumn divides by 1024 but writes "MB"; svctl says MiB everywhere (--chunk-size, plain progress lines).
/// </summary>
internal sealed class BinaryBytesColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Text($"{ByteSize.Format((long)task.Value)} / {ByteSize.Format((long)task.MaxValue)}");
    }
}

/// <summary>"4.2 MiB/s": the transfer rate Spectre measured, in binary units (its TransferSpeedColumn writes "MB/s").</summary>
internal sealed class BinaryRateColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Speed is { } speed && speed > 0 ? new Text($"{ByteSize.Format((long)speed)}/s") : Text.Empty;
    }
}
