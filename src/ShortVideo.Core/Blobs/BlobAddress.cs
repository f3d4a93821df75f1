namespace ShortVideo.Blobs;

/// <summary>Validation and layout of content addresses shared by every blob store.</summary>
public static class BlobAddress
{
    /// <summary>True for 64 lowercase hex characters.</summary>
    public static bool IsValid(string? sha256Hex)
    {
        if (sha256Hex is null || sha256Hex.Length != 64)
        {
            return false;
        }

        foreach (var c in sha256Hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Relative key "ab/cd/abcd…": two levels of fan-out keep directories (and S3 listings) small
    /// at millions of blobs.
    /// </summary>
    public static string RelativeKey(string sha256Hex)
    {
        if (!IsValid(sha256Hex))
        {
            throw new ArgumentException("A blob address is 64 lowercase hex characters.", nameof(sha256Hex));
        }

        return $"{sha256Hex[..2]}/{sha256Hex[2..4]}/{sha256Hex}";
    }
}
