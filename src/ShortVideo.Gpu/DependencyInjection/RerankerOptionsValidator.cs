using Microsoft.Extensions.Options;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.DependencyInjection;

/// <summary>Runs <see cref="RerankerOptions"/>' own checks at startup, keeping their sentences.</summary>
internal sealed class RerankerOptionsValidator : IValidateOptions<RerankerOptions>
{
    public ValidateOptionsResult Validate(string? name, RerankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
