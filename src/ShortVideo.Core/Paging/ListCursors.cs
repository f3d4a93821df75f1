using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShortVideo.Paging;

/// <summary>
/// Opaque, signed cursors for the lists of the social API (comments, replies, a user's videos). A cursor is bound to
/// the list it came from and to the user it was given to, and expires: a cursor that was tampered with, made up, taken
/// from another list or another user, or is older than <see cref="Lifetime"/> is refused (the endpoint answers 400),
/// never read as a position somewhere else.
/// </summary>
/// <remarks>
/// Text: base64url("{expiry ms}.{key}.{id}") "." base64url(first 16 bytes of HMAC-SHA256 over list, user and that
/// text). The list and user are in the MAC, not in the text: the client learns nothing it did not send.
/// </remarks>
public sealed class ListCursors
{
    /// <summary>How long a cursor stays valid: long enough to scroll a session, short enough that old links die.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const int MacBytes = 16;
    private const int MaxEncodedLength = 512;
    private const int MaxIdLength = 128;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Cursors signed with <paramref name="key"/> (at least 32 bytes, shared by every node of a deployment).</summary>
    public ListCursors(byte[] key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (key.Length < 32)
        {
            throw new ArgumentException("A cursor key needs at least 32 bytes.", nameof(key));
        }

        _key = [.. key];
        _time = time;
    }

    /// <summary>The cursor that continues list <paramref name="list"/> of <paramref name="viewerId"/> after <paramref name="position"/>.</summary>
    public string Encode(string list, string viewerId, ListPosition position)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(viewerId);
        ArgumentException.ThrowIfNullOrEmpty(position.Id);
        var expires = (_time.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds();
        var text = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{expires}.{position.Key}.{position.Id}"));
        return Base64Url.EncodeToString(text) + "." + Base64Url.EncodeToString(Mac(list, viewerId, text));
    }

    /// <summary>The position <paramref name="cursor"/> holds, when this server gave it out for this list and user and it has not expired.</summary>
    public bool TryDecode(string? cursor, string list, string viewerId, out ListPosition position)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(viewerId);
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxEncodedLength)
        {
            return false;
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(cursor.AsSpan(0, dot)) || !Base64Url.IsValid(cursor.AsSpan(dot + 1)))
        {
            return false;
        }

        byte[] text, mac;
        try
        {
            text = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        // Only the canonical spelling is ours: base64 leaves a few bits of the last character unused, and a cursor that
        // differs from the one given out in any character is not the one given out.
        if (mac.Length != MacBytes
            || !cursor.AsSpan(0, dot).SequenceEqual(Base64Url.EncodeToString(text))
            || !cursor.AsSpan(dot + 1).SequenceEqual(Base64Url.EncodeToString(mac))
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(list, viewerId, text)))
        {
            return false;
        }

        // Signed by us, so well-formed; parsed carefully all the same.
        var parts = Encoding.UTF8.GetString(text).Split('.', 3);
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            || parts[2].Length is 0 or > MaxIdLength
            || expires < _time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return false;
        }

        position = new ListPosition(key, parts[2]);
        return true;
    }

    private byte[] Mac(string list, string viewerId, byte[] text)
    {
        // Lengths first, so no choice of list and user names collides with another's.
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{list.Length}:{list}\n{viewerId.Length}:{viewerId}\n"));
        var message = new byte[header.Length + text.Length];
        header.CopyTo(message, 0);
        text.CopyTo(message, header.Length);
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }
}
