using Microsoft.Extensions.DependencyInjection;

namespace ShortVideo;

/// <summary>Returned by the AddShortVideo* registrations so adapters chain onto one service collection.</summary>
public interface IShortVideoBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}

internal sealed class ShortVideoBuilder(IServiceCollection services) : IShortVideoBuilder
{
    public IServiceCollection Services { get; } = services;
}
