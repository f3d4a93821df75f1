using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// Where a For You session stands: its id, whose it is, when the page that issued it was served and the page number.
/// A client sees an opaque base64url token (<see cref="Seal"/>): the fields, then an HMAC-SHA256 tag (16 bytes) over
/// them under the node's cursor key, so a forged or altered cursor fails <see cref="TryOpen"/>, as does another user's
/// (the viewer's id is in the MAC'd fields) or one older than the session lifetime.
/// </summary>
internal readonly record struct ForYouCursor(Guid SessionId, long ViewerKey, DateTimeOffset IssuedAt, int Page)
{
    private const byte Version = 1;
    private const int FieldsLength = 1 + 16 + 8 + 8 + 4;
    private const int TagLength = 16;

    /// <summary>Length of a sealed cursor in characters; anything else is refused before decoding.</summary>
    public static readonly int EncodedLength = Base64Url.GetEncodedLength(FieldsLength + TagLength);

    public string Seal(ReadOnlySpan<byte> key)
    {
        Span<byte> bytes = stackalloc byte[FieldsLength + TagLength];
        bytes[0] = Version;
        SessionId.TryWriteBytes(bytes.Slice(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(17, 8), ViewerKey);
        BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(25, 8), IssuedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(bytes.Slice(33, 4), Page);
        Tag(key, bytes[..FieldsLength], bytes[FieldsLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Why a cursor is refused, as the sentence a client reads; null when it is good.</summary>
    public static string? TryOpen(string text, ReadOnlySpan<byte> key, long viewerKey, DateTimeOffset now, TimeSpan lifetime, out ForYouCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[FieldsLength + TagLength];
        if (text.Length != EncodedLength || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != bytes.Length || bytes[0] != Version)
        {
            return "The cursor is not one this feed issued.";
        }

        Span<byte> expected = stackalloc byte[TagLength];
        Tag(key, bytes[..FieldsLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[FieldsLength..]))
        {
            return "The cursor is not one this feed issued.";
        }

        cursor = new ForYouCursor(
            new Guid(bytes.Slice(1, 16)),
            BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8)),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(25, 8))),
            BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(33, 4)));
        if (cursor.ViewerKey != viewerKey)
        {
            return "The cursor belongs to another user's feed.";
        }

        return now - cursor.IssuedAt > lifetime ? "The cursor has expired; start again without one." : null;
    }

    private static void Tag(ReadOnlySpan<byte> key, ReadOnlySpan<byte> fields, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, fields, full);
        full[..TagLength].CopyTo(tag);
    }
}
