namespace ShortVideo.Hosting.Auth;

/// <summary>Where the node's token signing key comes from (configuration key "Auth:Mode").</summary>
public enum AuthMode
{
    /// <summary>A key generated once in <c>{DataDir}/keys/dev-signing.key</c>; <c>svctl token</c> mints tokens with it.</summary>
    Dev,

    /// <summary>The key, issuer and audience from configuration (<c>Auth:SigningKey</c>...); tokens come from the identity provider.</summary>
    Production,
}
