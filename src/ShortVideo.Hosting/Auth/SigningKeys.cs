using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>Decoding of base64 keys and the <c>kid</c> that names a key in token headers.</summary>
internal static class SigningKeys
{
    /// <summary>Length of a key id: 64 bits of the key's SHA-256, enough to tell a node's few keys apart.</summary>
    public const int KeyIdLength = 16;

    public static bool TryDecode(string? base64, out byte[] key)
    {
        var text = base64?.Trim() ?? string.Empty;
        var buffer = new byte[text.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var length))
        {
            key = buffer[..length];
            return true;
        }

        key = [];
        return false;
    }

    /// <summary>
    /// The <c>kid</c> of <paramref name="key"/>: hex of the first 8 bytes of its SHA-256. It reveals nothing a
    /// token's HMAC does not already (both let one test a guessed key), and the same key gets the same id in
    /// every process, so <c>svctl</c> and the node agree without sharing anything but the key.
    /// </summary>
    public static string KeyId(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key))[..KeyIdLength];

    public static SymmetricSecurityKey SecurityKey(byte[] key) => new(key) { KeyId = KeyId(key) };
}
