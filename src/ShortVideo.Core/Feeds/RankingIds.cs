using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ShortVideo.Feeds;

/// <summary>
/// The ranking engine's long id of a catalog id (video or user): the first 8 bytes of SHA-256 of its UTF-8 bytes,
/// big-endian, with the sign bit cleared. Stable across processes and restarts (no table to share), so every node
/// maps an id alike. Two ids collide with odds about n²/2⁶⁴ among n ids: 5·10⁻⁸ for a million videos, 5·10⁻⁴ for
/// a hundred million. A collision merges two videos' (or users') learned rows; the feed resolves a long id back
/// through its own map of the videos it added, so it can never show a video under the wrong id.
/// </summary>
internal static class RankingIds
{
    public static long Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        var bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(id, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & long.MaxValue);
    }
}
