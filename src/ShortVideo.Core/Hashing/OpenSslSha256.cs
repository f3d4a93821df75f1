using System.Runtime.InteropServices;

namespace ShortVideo.Hashing;

/// <summary>
/// P/Invoke to OpenSSL's low-level SHA-256. .NET's IncrementalHash cannot export its midstate, and the
/// hash of an upload must survive restarts without re-reading the bytes; SHA256_CTX is a plain struct
/// we can copy out and back. OpenSSL uses the SHA-NI instructions where present (measured here: about
/// 2 GB/s per core), and libcrypto is on every Linux machine .NET runs on (System.Security.Cryptography needs it).
/// </summary>
internal static unsafe partial class OpenSslSha256
{
    // SHA256_CTX: h[8], Nl, Nh, data[16], num, md_len — 28 unsigned ints (OpenSSL 1.1 and 3.x).
    internal const int ContextSize = 112;

    private const string Library = "libcrypto.so.3";

    static OpenSslSha256()
    {
        NativeLibrary.SetDllImportResolver(typeof(OpenSslSha256).Assembly, Resolve);
    }

    internal static bool IsAvailable => Probe.Value;

    private static readonly Lazy<bool> Probe = new(() =>
    {
        try
        {
            var ctx = stackalloc byte[ContextSize];
            return SHA256_Init(ctx) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    });

    [LibraryImport(Library)]
    internal static partial int SHA256_Init(byte* context);

    [LibraryImport(Library)]
    internal static partial int SHA256_Update(byte* context, byte* data, nuint length);

    [LibraryImport(Library)]
    internal static partial int SHA256_Final(byte* digest, byte* context);

    private static IntPtr Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Library)
        {
            return IntPtr.Zero;
        }

        // Debian/Ubuntu ship libcrypto.so.3; older distributions 1.1; the unversioned name is a dev symlink.
        foreach (var name in (ReadOnlySpan<string>)["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so", "libcrypto.3.dylib", "libcrypto-3-x64.dll"])
        {
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
