namespace ShortVideo.Cli.Bench;

/// <summary>The end of a bench's temp directory.</summary>
internal static class BenchTempDirectory
{
    public static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp space; a child that still held a file has been killed, the OS cleans up the rest.
        }
    }
}
