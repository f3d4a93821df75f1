using Microsoft.Extensions.Configuration;

namespace ShortVideo.Hosting.Configuration;

/// <summary>
/// Loads the configuration of a node (and of <c>svctl doctor</c> / <c>svctl token</c>) from, in increasing
/// precedence: <c>appsettings.json</c>, environment variables prefixed <c>SV_</c>, then command-line flags.
/// </summary>
/// <remarks>
/// <para>
/// An environment variable names a key with <c>__</c> for <c>:</c> after the prefix:
/// <c>SV_Storage__Provider=S3</c> sets <c>Storage:Provider</c>.
/// </para>
/// <list type="table">
///   <listheader><term>Key</term><description>Meaning (default)</description></listheader>
///   <item><term><c>DataDir</c></term><description>Directory of the embedded state: blobs, SQLite, dev signing key (<c>.svdata</c>).</description></item>
///   <item><term><c>Urls</c></term><description>Addresses the node listens on, separated by <c>;</c> (<c>http://127.0.0.1:8080</c>).</description></item>
///   <item><term><c>Auth:Mode</c></term><description><c>Dev</c>: a signing key generated once in <c>{DataDir}/keys/dev-signing.key</c>; <c>Production</c>: the key below (<c>Dev</c>).</description></item>
///   <item><term><c>Auth:SigningKey</c></term><description>Base64 HMAC-SHA256 key of at least 32 bytes; required in <c>Production</c> mode.</description></item>
///   <item><term><c>Auth:Issuer</c></term><description>Expected <c>iss</c> of bearer tokens (<c>shortvideo</c>).</description></item>
///   <item><term><c>Auth:Audience</c></term><description>Expected <c>aud</c> of bearer tokens (<c>shortvideo-api</c>).</description></item>
///   <item><term><c>Auth:ClockSkew</c></term><description>Tolerance on token lifetimes (<c>00:00:30</c>).</description></item>
///   <item><term><c>Auth:MaxTokenLifetime</c></term><description>Longest lifetime a token may claim (<c>30.00:00:00</c>).</description></item>
///   <item><term><c>Auth:RefreshInterval</c></term><description>How often a node looks for revocations and rotated dev keys (<c>00:00:02</c>).</description></item>
///   <item><term><c>Auth:PreviousSigningKeys:N:Key</c>, <c>ValidUntil</c></term><description>Production keys still accepted until their end of overlap.</description></item>
///   <item><term><c>Storage:Provider</c></term><description><c>FileSystem</c> (under <c>DataDir</c>) or <c>S3</c> (<c>FileSystem</c>).</description></item>
///   <item><term><c>Storage:S3:ServiceUrl</c>, <c>Bucket</c>, <c>Region</c>, <c>AccessKey</c>, <c>SecretKey</c>, <c>Prefix</c></term><description>The S3 endpoint (MinIO, Ceph, AWS), bucket, region, credentials and key prefix when <c>Storage:Provider</c> is <c>S3</c>.</description></item>
///   <item><term><c>Redis:ConnectionString</c></term><description><c>host:port</c> or <c>redis://host:port</c> of a Redis server (unset: in-process engines).</description></item>
///   <item><term><c>Metadata:Provider</c>, <c>Metadata:Postgres:ConnectionString</c></term><description>Sqlite (default) or Postgres, and its Npgsql connection string, <c>Host=...;Port=...;Database=...</c>.</description></item>
///   <item><term><c>Uploads:*</c></term><description>Options of the tus upload engine (<see cref="ShortVideo.Uploads.UploadOptions"/>).</description></item>
/// </list>
/// </remarks>
public static class NodeConfiguration
{
    /// <summary>Prefix of the environment variables read as configuration.</summary>
    public const string EnvironmentPrefix = "SV_";

    /// <summary>Data directory used when <c>DataDir</c> is not configured.</summary>
    public const string DefaultDataDir = ".svdata";

    /// <summary>Key of the data directory.</summary>
    public const string DataDirKey = "DataDir";

    /// <summary>Loads the configuration of a node.</summary>
    /// <param name="dataDir">The <c>--data</c> flag: when given, sets <c>DataDir</c> above every other source.</param>
    /// <param name="overrides">Other flags as configuration keys (<c>Urls</c>, <c>Auth:Mode</c>...); they win over the environment.</param>
    /// <param name="contentRoot">Directory of <c>appsettings.json</c>; the current directory when null.</param>
    public static IConfigurationRoot Load(
        string? dataDir = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        string? contentRoot = null)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (overrides is not null)
        {
            foreach (var (key, value) in overrides)
            {
                flags[key] = value;
            }
        }

        if (!string.IsNullOrWhiteSpace(dataDir))
        {
            flags[DataDirKey] = dataDir;
        }

        return new ConfigurationBuilder()
            .SetBasePath(Path.GetFullPath(contentRoot ?? Directory.GetCurrentDirectory()))
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(flags)
            .Build();
    }
}
