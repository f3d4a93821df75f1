using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Configuration;

namespace ShortVideo.Cli.Commands;

/// <summary>
/// What the auth commands (<c>token</c>, <c>token revoke</c>, <c>key rotate</c>) share: the node's configuration
/// for a data directory, its auth services built exactly as the node builds them, and their error lines.
/// </summary>
internal sealed class AuthCommandContext : IDisposable
{
    public const int UsageError = 2;
    public const int EnvironmentError = 1;

    /// <summary>
    /// The parsers' own limit on --ttl and --overlap (the longest Auth:MaxTokenLifetime a node accepts); the
    /// configured Auth:MaxTokenLifetime is checked after it, with a sentence that names it.
    /// </summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(365);

    private readonly IConfigurationRoot _configuration;
    private ServiceProvider? _services;

    private AuthCommandContext(IConfigurationRoot configuration, AuthOptions options)
    {
        _configuration = configuration;
        Options = options;
    }

    /// <summary>The auth options as the node on this configuration sees them (defaults where unset).</summary>
    public AuthOptions Options { get; }

    /// <summary>The data directory the node uses.</summary>
    public string DataDirectory => Path.GetFullPath(_configuration[NodeConfiguration.DataDirKey] ?? NodeConfiguration.DefaultDataDir);

    /// <summary>The --data option every auth command takes.</summary>
    public static Option<string?> DataOption() =>
        new("--data") { Description = "Data directory of the node (default: DataDir from configuration, else .svdata)." };

    /// <summary>Reads the configuration (appsettings.json, SV_ variables, <paramref name="dataDir"/>); creates nothing.</summary>
    /// <exception cref="InvalidOperationException">A configuration value cannot be read (an Auth:MaxTokenLifetime that is no duration).</exception>
    public static AuthCommandContext Load(string? dataDir)
    {
        var configuration = NodeConfiguration.Load(dataDir);
        return new AuthCommandContext(configuration, configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions());
    }

    /// <summary>A service of the node's auth registration, so keys and revocations are found (or created) exactly as the node does.</summary>
    public T Get<T>()
        where T : notnull
    {
        if (_services is null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(_configuration);
            services.AddLogging();
            services.AddShortVideo().AddShortVideoAuth();
            _services = services.BuildServiceProvider();
        }

        return _services.GetRequiredService<T>();
    }

    public void Dispose() => _services?.Dispose();

    /// <summary>Writes "svctl {command}: {message}" on stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(TextWriter error, string command, int exitCode, string message)
    {
        error.WriteLine($"svctl {command}: {message}");
        return exitCode;
    }

    /// <summary>ArgumentException appends " (Parameter 'userId')"; the user did not write a parameter.</summary>
    public static string FirstSentence(string message)
    {
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
