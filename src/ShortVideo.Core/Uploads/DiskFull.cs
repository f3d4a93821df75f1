namespace ShortVideo.Uploads;

/// <summary>Recognizes the write failures that mean "no space left", whichever the platform.</summary>
internal static class DiskFull
{
    // .NET reports the raw errno as the HResult of an IOException on Unix, a Win32 HRESULT on Windows.
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);

    public static bool Is(Exception exception) =>
        exception is IOException { HResult: Enospc or Edquot or ErrorHandleDiskFull or ErrorDiskFull };
}
