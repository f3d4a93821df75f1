using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Rotates the dev signing key of a data directory: used by <c>svctl key rotate</c>. New tokens are signed with
/// the new key and name it in their <c>kid</c>; tokens of the keys before it keep working until the overlap
/// ends. Running nodes on the data directory see the new key within <see cref="AuthOptions.RefreshInterval"/>.
/// In <see cref="AuthMode.Production"/> rotation is a configuration change (<see cref="AuthOptions.PreviousSigningKeys"/>).
/// </summary>
public sealed class SigningKeyRotator
{
    private readonly AuthOptions _options;
    private readonly DataDirectoryOptions _dataDirectory;
    private readonly TimeProvider _timeProvider;
    private readonly SigningKeyProvider _keys;

    internal SigningKeyRotator(IOptions<AuthOptions> options, IOptions<DataDirectoryOptions> dataDirectory, TimeProvider timeProvider, SigningKeyProvider keys)
    {
        _keys = keys;
        _options = options.Value;
        _dataDirectory = dataDirectory.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates a new current key; the keys before it are accepted for <paramref name="overlap"/> more.</summary>
    /// <param name="overlap">How long tokens signed before the rotation keep working; zero retires them now.</param>
    /// <returns>The new key's id and when the previous key retires.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is negative or longer than <see cref="AuthOptions.MaxTokenLifetime"/>.</exception>
    /// <exception cref="InvalidOperationException">The node is in <see cref="AuthMode.Production"/>, or a key file is damaged.</exception>
    /// <exception cref="IOException">The key could not be written.</exception>
    public SigningKeyRotation Rotate(TimeSpan overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, TimeSpan.Zero);

        // Every token of the old key has expired after the longest lifetime: a longer overlap only keeps the key alive.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlap, _options.MaxTokenLifetime);
        if (_options.Mode == AuthMode.Production)
        {
            throw new InvalidOperationException(
                "Auth:Mode is Production: rotate by configuration (the new key in Auth:SigningKey, the old one in Auth:PreviousSigningKeys with a ValidUntil), not with svctl.");
        }

        var rotation = DevSigningKeyStore.Rotate(_dataDirectory.FullPath, overlap, _timeProvider.GetUtcNow());
        _keys.Reload(); // this process uses the new key at once; others within their refresh interval
        return rotation;
    }
}
