using System.Globalization;
using System.Text;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// A text file of one record per line that processes on one data directory append to and read incrementally:
/// svctl appends, nodes read what was added since their last look. The first line names the file's epoch, so
/// a reader notices a deleted and recreated file even when the new one is longer than its old position.
/// </summary>
/// <remarks>
/// .NET appends at an offset it computed when it opened the file, so two appenders would overwrite each
/// other: writers take an exclusive lock on <c>{path}.lock</c> (flock on Unix) for the whole append. Readers
/// take no lock and consume only complete lines, so a line being written is read on the next look.
/// </remarks>
internal sealed class AppendOnlyLog(string path)
{
    private const string HeaderPrefix = "# shortvideo log ";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public string Path => path;

    /// <summary>Appends <paramref name="line"/> (no line break in it); flushed to disk first when <paramref name="durable"/>.</summary>
    public void Append(string line, bool durable)
    {
        OwnerOnlyFiles.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var held = Lock();
        using var stream = new FileStream(path, OwnerOnlyFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete));
        var text = new StringBuilder();
        if (stream.Length == 0)
        {
            text.Append(HeaderPrefix).Append(Guid.NewGuid().ToString("N")).Append('\n');
        }
        else
        {
            // A writer killed mid-line left a fragment: end it, or it would swallow this record.
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                text.Append('\n');
            }
        }

        text.Append(line).Append('\n');
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: durable);
    }

    /// <summary>The complete records after <paramref name="cursor"/> (every record when null or when the file was replaced).</summary>
    public LogChanges ReadAfter(string? cursor)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LogChanges([], Cursor: null, Reset: cursor is not null);
        }

        using (stream)
        {
            var bytes = ReadFrom(stream, 0, (int)Math.Min(stream.Length, 256));
            var headerEnd = Array.IndexOf(bytes, (byte)'\n');
            if (headerEnd < 0)
            {
                return new LogChanges([], cursor, Reset: false); // the header is being written
            }

            var epoch = Encoding.UTF8.GetString(bytes, 0, headerEnd);
            var start = headerEnd + 1L;
            var reset = cursor is not null;
            if (cursor is not null && TryParse(cursor, out var cursorEpoch, out var offset) && cursorEpoch == epoch && offset <= stream.Length)
            {
                start = offset;
                reset = false;
            }

            var tail = ReadFrom(stream, start, (int)Math.Min(stream.Length - start, int.MaxValue));
            var complete = Array.LastIndexOf(tail, (byte)'\n') + 1;
            var lines = Encoding.UTF8.GetString(tail, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new LogChanges(lines, Format(epoch, start + complete), reset);
        }
    }

    private static byte[] ReadFrom(FileStream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static string Format(string epoch, long offset) => string.Create(CultureInfo.InvariantCulture, $"{offset}|{epoch}");

    private static bool TryParse(string cursor, out string epoch, out long offset)
    {
        var bar = cursor.IndexOf('|', StringComparison.Ordinal);
        epoch = bar < 0 ? string.Empty : cursor[(bar + 1)..];
        return long.TryParse(cursor.AsSpan(0, Math.Max(bar, 0)), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }

    private FileStream Lock()
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix, held until the stream is disposed.
                return new FileStream(path + ".lock", OwnerOnlyFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }
}

/// <summary>Records added to an <see cref="AppendOnlyLog"/> since a cursor; <see cref="Reset"/>: the file was replaced, these are all its records.</summary>
internal sealed record LogChanges(IReadOnlyList<string> Lines, string? Cursor, bool Reset);
