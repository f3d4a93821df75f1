using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// P/Invoke to the few OpenBLAS functions the BLAS reference of <c>svctl bench rank</c> calls. The library is
/// optional: <see cref="TryLoad"/> says why it cannot be used instead of throwing, and the imports bind to
/// whatever library it loaded (Debian's libopenblas.so.0 by default, or a path the bench is given).
/// </summary>
internal static unsafe partial class OpenBlas
{
    /// <summary>Debian's name (packages libopenblas0-pthread, libopenblas0-openmp, libopenblas0-serial).</summary>
    public const string DefaultLibrary = "libopenblas.so.0";

    // CBLAS enumerations.
    public const int RowMajor = 101;
    public const int NoTrans = 111;
    public const int Trans = 112;

    // The import name; Resolve maps it to the loaded handle.
    private const string Library = "openblas";

    private static readonly Lock Gate = new();
    private static IntPtr s_handle;
    private static string? s_loaded;

    static OpenBlas()
    {
        NativeLibrary.SetDllImportResolver(typeof(OpenBlas).Assembly, Resolve);
    }

    /// <summary>
    /// Loads <paramref name="library"/> (a name or a path); false with a readable <paramref name="reason"/> when
    /// it is missing or is not OpenBLAS. The imports bind to the first OpenBLAS loaded, so a different one later
    /// in the same process is refused.
    /// </summary>
    public static bool TryLoad(string library, out string reason)
    {
        lock (Gate)
        {
            if (s_loaded == library)
            {
                reason = string.Empty;
                return true;
            }

            if (!NativeLibrary.TryLoad(library, typeof(OpenBlas).Assembly, null, out var handle))
            {
                reason = $"{library} not found; apt-get install libopenblas0";
                return false;
            }

            foreach (var export in (ReadOnlySpan<string>)["cblas_sgemv", "cblas_sgemm", "openblas_set_num_threads", "openblas_get_config", "openblas_get_corename"])
            {
                if (!NativeLibrary.TryGetExport(handle, export, out _))
                {
                    NativeLibrary.Free(handle);
                    reason = $"{library} has no {export}, so it is not OpenBLAS";
                    return false;
                }
            }

            if (s_loaded is not null)
            {
                NativeLibrary.Free(handle);
                reason = $"{s_loaded} is already loaded in this process, not {library}";
                return false;
            }

            s_handle = handle;
            s_loaded = library;
            reason = string.Empty;
            return true;
        }
    }

    /// <summary>Version and the kernels OpenBLAS picked for this CPU, for example "OpenBLAS 0.3.21 (Cooperlake kernels)".</summary>
    public static string Name
    {
        get
        {
            // openblas_get_config: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64".
            var config = (Marshal.PtrToStringUTF8(openblas_get_config()) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var version = config.Length >= 2 && config[0] == "OpenBLAS" ? config[1] : "(unknown version)";
            return $"OpenBLAS {version} ({Marshal.PtrToStringUTF8(openblas_get_corename())} kernels)";
        }
    }

    [LibraryImport(Library, EntryPoint = "cblas_sgemv")]
    public static partial void Sgemv(
        int order, int trans, int m, int n, float alpha, float* a, int lda, float* x, int incX, float beta, float* y, int incY);

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    public static partial void Sgemm(
        int order, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    /// <summary>Threads each BLAS call may use (process-wide).</summary>
    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    public static partial void SetThreads(int threads);

    [LibraryImport(Library)]
    private static partial IntPtr openblas_get_config();

    [LibraryImport(Library)]
    private static partial IntPtr openblas_get_corename();

    private static IntPtr Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Library ? s_handle : IntPtr.Zero;
}
