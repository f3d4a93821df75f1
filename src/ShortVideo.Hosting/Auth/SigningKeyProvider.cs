using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The one HMAC key that both <see cref="TokenIssuer"/> and the bearer handler use, resolved on first use:
/// the dev key of the data directory, or the configured production key.
/// </summary>
internal sealed class SigningKeyProvider(IOptions<AuthOptions> options, IOptions<DataDirectoryOptions> dataDirectory)
{
    // PublicationOnly: a failure (data dir not writable yet) is not cached for the life of the process, and
    // two first callers racing is safe because DevSigningKeyStore makes them agree on one key.
    private readonly Lazy<SymmetricSecurityKey> _key = new(
        () => Resolve(options.Value, dataDirectory.Value),
        LazyThreadSafetyMode.PublicationOnly);

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Resolve(AuthOptions options, DataDirectoryOptions dataDirectory)
    {
        var bytes = options.Mode == AuthMode.Production
            ? Convert.FromBase64String(options.SigningKey!.Trim())
            : DevSigningKeyStore.LoadOrCreate(dataDirectory.FullPath);
        return new SymmetricSecurityKey(bytes);
    }
}
