using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ShortVideo.Feeds;

/// <summary>
/// Opaque cursors bound to one viewer and one feed, with an expiry, under an HMAC-SHA256 tag: a client can neither
/// forge one, nor edit one, nor use another user's, nor use one past its lifetime. The payload is the feed's own
/// (a position, a session id); the format is <c>base64url(version | expiry | payload | tag)</c> with the viewer and
/// feed name mixed into the tag, not stored.
/// </summary>
internal sealed class SignedCursor(FeedCursorKey key, TimeProvider time)
{
    /// <summary>Longest cursor text accepted, so a huge query string costs nothing.</summary>
    public const int MaxEncodedLength = 1024;

    private const byte Version = 1;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + sizeof(long);

    public string Encode(string feed, string viewerId, ReadOnlySpan<byte> payload, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var body = new byte[HeaderLength + payload.Length + TagLength];
        body[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(1), expires);
        payload.CopyTo(body.AsSpan(HeaderLength));
        Tag(feed, viewerId, body.AsSpan(0, body.Length - TagLength), body.AsSpan(body.Length - TagLength));
        return Base64Url.EncodeToString(body);
    }

    /// <summary>The payload of a cursor this server gave <paramref name="viewerId"/> for <paramref name="feed"/>; throws <see cref="FeedCursorException"/> otherwise.</summary>
    public byte[] Decode(string feed, string viewerId, string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxEncodedLength || !Base64Url.IsValid(text))
        {
            throw new FeedCursorException();
        }

        var body = Base64Url.DecodeFromChars(text);
        if (body.Length < HeaderLength + TagLength || body[0] != Version)
        {
            throw new FeedCursorException();
        }

        Span<byte> expected = stackalloc byte[TagLength];
        Tag(feed, viewerId, body.AsSpan(0, body.Length - TagLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, body.AsSpan(body.Length - TagLength)))
        {
            throw new FeedCursorException();
        }

        if (BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(1)) < time.GetUtcNow().ToUnixTimeSeconds())
        {
            throw new FeedCursorException("cursor has expired: start again from the first page (no cursor).");
        }

        return body[HeaderLength..^TagLength];
    }

    private void Tag(string feed, string viewerId, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
        hmac.AppendData(Encoding.UTF8.GetBytes(feed));
        hmac.AppendData([0]);
        hmac.AppendData(Encoding.UTF8.GetBytes(viewerId));
        hmac.AppendData([0]);
        hmac.AppendData(body);
        Span<byte> full = stackalloc byte[32];
        hmac.GetHashAndReset(full);
        full[..TagLength].CopyTo(destination);
    }
}
