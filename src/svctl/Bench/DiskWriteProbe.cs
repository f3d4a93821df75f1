using System.Diagnostics;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// The ceiling an upload server on this disk can reach: sequential 1 MiB writes plus the final fsync,
/// timed together (a server that acknowledged bytes without making them durable would be measured unfairly otherwise).
/// </summary>
internal static class DiskWriteProbe
{
    private const int BlockSize = 1024 * 1024;

    /// <summary>Writes <paramref name="bytes"/> to a file in <paramref name="directory"/>, deletes it, returns MB/s (10^6 bytes).</summary>
    public static double Measure(string directory, long bytes, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "disk-probe.bin");
        var block = source.Length >= BlockSize ? source[..BlockSize] : source;
        try
        {
            var stopwatch = Stopwatch.StartNew();

            // bufferSize 0: the 1 MiB writes go straight to the OS, as a server's would.
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                for (long written = 0; written < bytes; written += block.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var count = (int)Math.Min(block.Length, bytes - written);
                    stream.Write(block.Span[..count]);
                }

                stream.Flush(flushToDisk: true);
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            return seconds > 0 ? bytes / seconds / 1e6 : 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>--size MiB, but at least the whole workload up to 256 MiB, so a small size still measures a steady state.</summary>
    public static long ProbeBytes(long sizeBytes, int uploads) =>
        Math.Max(sizeBytes, Math.Min(256L * 1024 * 1024, sizeBytes * uploads));
}
