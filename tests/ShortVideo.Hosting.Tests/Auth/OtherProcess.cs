using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>
/// The auth services as svctl builds them on a data directory: their own provider, sharing nothing with a
/// running node but the files, as another process would.
/// </summary>
internal static class OtherProcess
{
    public static ServiceProvider Services(string dataDir, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var settings = new Dictionary<string, string?> { ["DataDir"] = dataDir };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddShortVideo().AddShortVideoAuth();
        return services.BuildServiceProvider();
    }
}
