using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ShortVideo.Storage;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The one HMAC key that both <see cref="TokenIssuer"/> and the bearer handler use, resolved on first use:
/// the dev key of the data directory, or the configured production key.
/// </summary>
internal sealed class SigningKeyProvider(IOptions<AuthOptions> options, IOptions<DataDirectoryOptions> dataDirectory)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Resolve(options.Value, dataDirectory.Value));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Resolve(AuthOptions options, DataDirectoryOptions dataDirectory)
    {
        var bytes = options.Mode == AuthMode.Production
            ? Convert.FromBase64String(options.SigningKey!.Trim())
            : DevSigningKeyStore.LoadOrCreate(dataDirectory.FullPath);
        return new SymmetricSecurityKey(bytes);
    }
}
