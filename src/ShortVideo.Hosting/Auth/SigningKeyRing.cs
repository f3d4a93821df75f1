using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>One key of a <see cref="SigningKeyRing"/>: its <c>kid</c>, and when tokens it signed stop being accepted.</summary>
internal sealed record SigningKeyEntry(SymmetricSecurityKey Key, DateTimeOffset? RetiresAt)
{
    public string Id => Key.KeyId;

    public bool IsRetiredAt(DateTimeOffset now) => RetiresAt is { } retires && now >= retires;
}

/// <summary>
/// The keys a node knows at one moment: <see cref="Current"/> signs new tokens; the others were replaced by a
/// rotation and verify their tokens until they retire. Immutable: a rotation produces a new ring.
/// </summary>
internal sealed class SigningKeyRing
{
    private readonly Dictionary<string, SigningKeyEntry> _byId;

    /// <param name="oldestFirst">Every key, the current one last.</param>
    public SigningKeyRing(IReadOnlyList<SigningKeyEntry> oldestFirst)
    {
        Keys = oldestFirst;
        Current = oldestFirst[^1];
        SecurityKeys = [.. oldestFirst.Select(static k => k.Key)];
        _byId = new Dictionary<string, SigningKeyEntry>(StringComparer.Ordinal);
        foreach (var entry in oldestFirst)
        {
            _byId[entry.Id] = entry;
        }
    }

    public SigningKeyEntry Current { get; }

    public IReadOnlyList<SigningKeyEntry> Keys { get; }

    /// <summary>All keys, retired ones too, so that a token of a retired key is recognised and refused as such.</summary>
    public IReadOnlyList<SecurityKey> SecurityKeys { get; }

    public SigningKeyEntry? Find(string keyId) => _byId.GetValueOrDefault(keyId);
}
