using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ShortVideo.Feeds;

namespace ShortVideo.Paging;

/// <summary>
/// THE cursor scheme of every list the node serves (a user's videos, comments, search, trending, For You, Following):
/// opaque text signed with the deployment's cursor key (<c>Feed:CursorKey</c>, else DataDir/feed/cursor.key), bound to
/// the list it came from and to the user it was given to, and expiring. A cursor that was made up, changed by one
/// character, taken from another list or another user, or is past its expiry is refused (the endpoint answers 400
/// with <see cref="Refused"/>), never read as a position somewhere else.
/// </summary>
/// <remarks>
/// Text: base64url(version (1 byte) | expiry (Unix milliseconds, 8 bytes big-endian) | payload | tag (16 bytes)), where tag
/// is the first 16 bytes of HMAC-SHA256 over the list and viewer (length-prefixed) and the bytes before it. The list and
/// viewer are in the MAC, not in the text: a client learns nothing it did not send. The payload is the list's own
/// position (a time and id, a search tier, a For You session and page).
/// </remarks>
public sealed class ListCursors
{
    /// <summary>The one sentence a client reads for any cursor refused, whatever the list and whatever the reason.</summary>
    public const string Refused =
        "cursor is not valid here: pass the nextCursor of the previous page of this same list as it is (cursors are bound to you and to their list, and expire), or no cursor for the first page.";

    // Longest cursor text read, so a huge query string costs nothing.
    private const int MaxEncodedLength = 1024;

    private const byte Version = 2;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + sizeof(long);

    private readonly FeedCursorKey _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    internal ListCursors(FeedCursorKey key, TimeProvider time, IOptions<FeedOptions> options)
    {
        _key = key;
        _time = time;
        _lifetime = options.Value.CursorLifetime;
    }

    /// <summary>
    /// The cursor that continues list <paramref name="list"/> of <paramref name="viewerId"/> at <paramref name="position"/>
    /// (the list's own text for a position), valid for <c>Feed:CursorLifetime</c>.
    /// </summary>
    public string Seal(string list, string viewerId, string position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return SealPayload(list, viewerId, Encoding.UTF8.GetBytes(position));
    }

    /// <summary>
    /// The position text <paramref name="cursor"/> holds, when this server gave it to <paramref name="viewerId"/> for
    /// <paramref name="list"/> and it has not expired; false for anything else.
    /// </summary>
    public bool TryOpen(string? cursor, string list, string viewerId, [NotNullWhen(true)] out string? position)
    {
        position = null;
        if (!TryOpenPayload(cursor, list, viewerId, out var payload))
        {
            return false;
        }

        try
        {
            position = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
            return true;
        }
        catch (DecoderFallbackException)
        {
            // Signed by us, so this does not happen; a byte payload of another list is not a text position all the same.
            return false;
        }
    }

    internal string SealPayload(string list, string viewerId, ReadOnlySpan<byte> payload) =>
        Seal(_key.Bytes, _time.GetUtcNow() + _lifetime, list, viewerId, payload);

    internal bool TryOpenPayload(string? cursor, string list, string viewerId, [NotNullWhen(true)] out byte[]? payload) =>
        TryOpen(_key.Bytes, _time.GetUtcNow(), cursor, list, viewerId, out payload);

    /// <summary>The scheme itself, for a feed that keeps its own key and clock and sets its own lifetime (For You sessions).</summary>
    internal static string Seal(ReadOnlySpan<byte> key, DateTimeOffset expires, string list, string viewerId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        var body = new byte[HeaderLength + payload.Length + TagLength];
        body[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(1), expires.ToUnixTimeMilliseconds());
        payload.CopyTo(body.AsSpan(HeaderLength));
        Tag(key, list, viewerId, body.AsSpan(0, body.Length - TagLength), body.AsSpan(body.Length - TagLength));
        return Base64Url.EncodeToString(body);
    }

    /// <summary>The payload of a cursor sealed with <paramref name="key"/> for this list and viewer and unexpired at <paramref name="now"/>.</summary>
    internal static bool TryOpen(ReadOnlySpan<byte> key, DateTimeOffset now, string? cursor, string list, string viewerId, [NotNullWhen(true)] out byte[]? payload)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        payload = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxEncodedLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var body = Base64Url.DecodeFromChars(cursor);

        // Only the canonical spelling is ours: base64 leaves a few bits of the last character unused, and a cursor that
        // differs from the one given out in any character is not the one given out.
        if (body.Length < HeaderLength + TagLength || body[0] != Version || !cursor.AsSpan().SequenceEqual(Base64Url.EncodeToString(body)))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagLength];
        Tag(key, list, viewerId, body.AsSpan(0, body.Length - TagLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, body.AsSpan(body.Length - TagLength))
            || BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(1)) < now.ToUnixTimeMilliseconds())
        {
            return false;
        }

        payload = body[HeaderLength..^TagLength];
        return true;
    }

    private static void Tag(ReadOnlySpan<byte> key, string list, string viewerId, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // Lengths first, so no choice of list and viewer names collides with another's.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{list.Length}:{list}\n{viewerId.Length}:{viewerId}\n"));
        hmac.AppendData(body);
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.GetHashAndReset(full);
        full[..TagLength].CopyTo(destination);
    }
}
