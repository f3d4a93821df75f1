namespace ShortVideo.Gpu.Tests;

/// <summary>
/// Debian's LLVM 14, which compiles topk.cu to PTX (build-ptx.sh) and the CUDA emulator for the CPU. Tests
/// that need it skip with a reason where it is missing (CI images without clang), rather than pass vacuously.
/// </summary>
internal static class Toolchain
{
    public const string Clang = "/usr/lib/llvm-14/bin/clang";
    public const string ClangPlusPlus = "/usr/lib/llvm-14/bin/clang++";

    public static string? MissingClang => File.Exists(Clang) ? null : $"{Clang} not found (apt-get install clang-14)";

    public static string? MissingClangPlusPlus => File.Exists(ClangPlusPlus) ? null : $"{ClangPlusPlus} not found (apt-get install clang-14)";
}

/// <summary>A fact that needs clang-14: skipped with the reason where it is missing.</summary>
public sealed class ClangFactAttribute : FactAttribute
{
    public ClangFactAttribute() => Skip = Toolchain.MissingClang;
}

/// <summary>A fact that runs the GPU path on the CUDA emulator (<see cref="Emulation.EmulatedDriver"/>), which clang++ 14 builds.</summary>
public sealed class EmulatorFactAttribute : FactAttribute
{
    public EmulatorFactAttribute() => Skip = Toolchain.MissingClangPlusPlus;
}

/// <summary>A theory on the CUDA emulator; skipped where clang++ 14 is missing.</summary>
public sealed class EmulatorTheoryAttribute : TheoryAttribute
{
    public EmulatorTheoryAttribute() => Skip = Toolchain.MissingClangPlusPlus;
}
