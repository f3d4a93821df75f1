using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// ONNX Runtime's C API, bound through the OrtApi function table that OrtGetApiBase hands out: one native
/// export, the rest by position (<see cref="OrtApiIndex"/>). The library is loaded from a configured path,
/// so a machine without it gets a sentence saying what to install, not a DllNotFoundException.
/// </summary>
/// <remarks>
/// One instance per library path for the life of the process: it holds the runtime's environment (ONNX
/// Runtime wants one per process), a CPU memory description and the default allocator, none of which are
/// ever released, and sessions are created from it.
/// </remarks>
internal sealed unsafe partial class OnnxRuntime
{
    /// <summary>The OrtApi version asked for; every entry bound here exists from version 13 on.</summary>
    public const uint ApiVersion = 23;

    /// <summary>Where the library comes from on these machines, for the message when it is missing.</summary>
    public const string InstallHint =
        "install the CPU build of ONNX Runtime 1.30 (npm install --ignore-scripts onnxruntime-node@1.30.0 ships it as " +
        "bin/napi-v6/linux/x64/libonnxruntime.so.1) and set Ranking:Reranker:OnnxRuntimeLibraryPath to that file";

    // OrtLoggingLevel FATAL: every failure reaches the caller as an exception carrying the runtime's message,
    // so the runtime's own stderr logger would only print it a second time, outside the host's logging.
    private const int LoggingLevelFatal = 4;

    // OrtAllocatorType OrtArenaAllocator and OrtMemType OrtMemTypeDefault: plain CPU memory we own.
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    private static readonly ConcurrentDictionary<string, OnnxRuntime> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();

    private OnnxRuntime(string library, IntPtr handle)
    {
        Library = library;
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
        {
            throw new EntryPointNotFoundException($"{library} has no OrtGetApiBase export (is it the ONNX Runtime library?)");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<IntPtr*>)getApiBase)();
        var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
        Version = Marshal.PtrToStringUTF8((IntPtr)getVersion()) ?? "unknown";
        var api = ((delegate* unmanaged<uint, IntPtr*>)apiBase[0])(ApiVersion);
        if (api is null)
        {
            throw new EntryPointNotFoundException(
                $"{library} is ONNX Runtime {Version}, which does not offer C API version {ApiVersion}; ONNX Runtime 1.{ApiVersion} or later is needed");
        }

        Bind(api);
        IntPtr env, memoryInfo, allocator;
        fixed (byte* logId = "shortvideo\0"u8)
        {
            Check(_createEnv(LoggingLevelFatal, logId, &env));
        }

        Check(_createCpuMemoryInfo(ArenaAllocator, MemTypeDefault, &memoryInfo));
        Check(_getAllocatorWithDefaultOptions(&allocator));
        Env = env;
        MemoryInfo = memoryInfo;
        Allocator = allocator;
    }

    /// <summary>The default library name, resolved by the system's loader.</summary>
    public static string DefaultLibrary => OperatingSystem.IsWindows() ? "onnxruntime.dll" : "libonnxruntime.so.1";

    /// <summary>The path or name the library was loaded from.</summary>
    public string Library { get; }

    /// <summary>The runtime's version string ("1.30.0").</summary>
    public string Version { get; }

    internal IntPtr Env { get; }

    internal IntPtr MemoryInfo { get; }

    internal IntPtr Allocator { get; }

    /// <summary>
    /// The runtime in <paramref name="library"/> (a path, or a name for the system's loader), loaded once
    /// per process; null with a sentence in <paramref name="problem"/> when it cannot be loaded. A failed
    /// load is not remembered, so installing the library lets a later attempt succeed.
    /// </summary>
    public static OnnxRuntime? TryLoad(string library, out string? problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(library);
        if (Loaded.TryGetValue(library, out var loaded))
        {
            problem = null;
            return loaded;
        }

        lock (LoadLock)
        {
            if (Loaded.TryGetValue(library, out loaded))
            {
                problem = null;
                return loaded;
            }

            var named = library.Contains('/', StringComparison.Ordinal) || library.Contains('\\', StringComparison.Ordinal);
            if (named && !File.Exists(library))
            {
                problem = $"The ONNX Runtime library was not found at {library}: {InstallHint}.";
                return null;
            }

            IntPtr handle;
            try
            {
                handle = NativeLibrary.Load(library, typeof(OnnxRuntime).Assembly, null);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                problem = $"The ONNX Runtime library {library} could not be loaded ({LoaderReason(e.Message)}): {InstallHint}.";
                return null;
            }

            try
            {
                loaded = new OnnxRuntime(library, handle);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or OnnxRuntimeException)
            {
                // The library stays loaded: unloading a runtime that may have started threads is riskier.
                problem = $"The ONNX Runtime library {library} cannot be used: {e.Message}.";
                return null;
            }

            Loaded[library] = loaded;
            problem = null;
            return loaded;
        }
    }

    /// <summary>Throws the runtime's message when <paramref name="status"/> is an error, and frees it.</summary>
    internal void Check(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var code = _getErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)_getErrorMessage(status)) ?? "no message";
        _releaseStatus(status);
        throw new OnnxRuntimeException(message, code);
    }

    /// <summary>The loader's own reason, the last part of .NET's long message ("invalid ELF header").</summary>
    private static string LoaderReason(string message)
    {
        var trimmed = message.TrimEnd('.', ' ');
        var colon = trimmed.LastIndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? trimmed[(colon + 2)..] : trimmed;
    }
}
