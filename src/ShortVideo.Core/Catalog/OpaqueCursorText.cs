using System.Buffers.Text;
using System.Text;

namespace ShortVideo.Catalog;

/// <summary>The envelope of every opaque cursor: UTF-8 text in base64url without padding, decoded strictly.</summary>
internal static class OpaqueCursorText
{
    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>The text inside <paramref name="encoded"/>; false for anything longer than <paramref name="maxEncodedLength"/>, not base64url or not UTF-8.</summary>
    public static bool TryDecode(string? encoded, int maxEncodedLength, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        if (string.IsNullOrEmpty(encoded) || encoded.Length > maxEncodedLength || !Base64Url.IsValid(encoded))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[maxEncodedLength];
        if (!Base64Url.TryDecodeFromChars(encoded, bytes, out var length))
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes[..length]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
