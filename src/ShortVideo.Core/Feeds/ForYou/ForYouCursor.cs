using System.Buffers.Binary;
using ShortVideo.Paging;

namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// Where a For You session stands: its id and the number of the next page. It travels as a <see cref="ListCursors"/>
/// cursor of the list "for-you", bound to the viewer, and expires <see cref="ForYouOptions.SessionLifetime"/> after the
/// page that issued it (the session's server-side state lives that long).
/// </summary>
internal readonly record struct ForYouCursor(Guid SessionId, int Page)
{
    private const string List = "for-you";
    private const int PayloadLength = 16 + sizeof(int);

    public string Seal(ReadOnlySpan<byte> key, string viewerId, DateTimeOffset now, TimeSpan lifetime)
    {
        Span<byte> payload = stackalloc byte[PayloadLength];
        SessionId.TryWriteBytes(payload[..16]);
        BinaryPrimitives.WriteInt32BigEndian(payload[16..], Page);
        return ListCursors.Seal(key, now + lifetime, List, viewerId, payload);
    }

    /// <summary>The session a cursor this feed gave <paramref name="viewerId"/> continues; false for any other text.</summary>
    public static bool TryOpen(string text, ReadOnlySpan<byte> key, string viewerId, DateTimeOffset now, out ForYouCursor cursor)
    {
        cursor = default;
        if (!ListCursors.TryOpen(key, now, text, List, viewerId, out var payload) || payload.Length != PayloadLength)
        {
            return false;
        }

        cursor = new ForYouCursor(new Guid(payload.AsSpan(0, 16)), BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(16)));
        return cursor.Page > 0;
    }
}
