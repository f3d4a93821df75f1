using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Configuration;

internal static class DataDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DataDirectoryOptions.Path"/> to the configuration key "DataDir". Every feature that
    /// needs the data directory calls this; TryAddEnumerable keeps it to one registration.
    /// </summary>
    public static IServiceCollection AddShortVideoDataDirectory(this IServiceCollection services)
    {
        services.AddOptions<DataDirectoryOptions>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IConfigureOptions<DataDirectoryOptions>, DataDirectoryFromConfiguration>());
        return services;
    }

    private sealed class DataDirectoryFromConfiguration(IConfiguration configuration) : IConfigureOptions<DataDirectoryOptions>
    {
        public void Configure(DataDirectoryOptions options)
        {
            var configured = configuration[NodeConfiguration.DataDirKey];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                options.Path = configured;
            }
        }
    }
}
