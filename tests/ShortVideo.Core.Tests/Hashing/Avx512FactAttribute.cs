using ShortVideo.Hashing;

namespace ShortVideo.Core.Tests.Hashing;

/// <summary>A fact that needs AVX-512 F and BW (the multi-buffer SHA-256 kernel): skipped, with the reason, where the CPU lacks them.</summary>
public sealed class Avx512FactAttribute : FactAttribute
{
    public Avx512FactAttribute()
    {
        if (!MultiBufferSha256.IsSupported)
        {
            Skip = "This CPU (or the runtime) has no AVX-512 F/BW: the multi-buffer kernel is not used here.";
        }
    }
}
