using System.Globalization;

namespace ShortVideo.Cli.Upload;

/// <summary>Progress for redirected output: one line per 10 % step, so logs stay short.</summary>
internal sealed class PlainProgress : IProgress<UploadProgress>
{
    private readonly TextWriter _writer;
    private int _lastDecile = -1;

    public PlainProgress(TextWriter writer)
    {
        _writer = writer;
    }

    public void Report(UploadProgress value)
    {
        var decile = value.TotalBytes == 0 ? 10 : (int)(value.BytesUploaded * 10 / value.TotalBytes);
        if (decile <= _lastDecile)
        {
            return;
        }

        _lastDecile = decile;
        _writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"uploaded {decile * 10}% ({ByteSize.Format(value.BytesUploaded)} of {ByteSize.Format(value.TotalBytes)})"));
    }
}
