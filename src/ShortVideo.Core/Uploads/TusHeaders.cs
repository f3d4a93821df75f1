namespace ShortVideo.Uploads;

/// <summary>Header names and fixed values of tus 1.0 (https://tus.io/protocols/resumable-upload), as the node speaks it.</summary>
public static class TusHeaders
{
    /// <summary>The protocol version served, the value of <see cref="TusResumable"/>.</summary>
    public const string Version = "1.0.0";

    /// <summary>The extensions served, the value of <see cref="TusExtension"/>.</summary>
    public const string Extensions = "creation,creation-with-upload,creation-defer-length,expiration,checksum,termination,concatenation";

    /// <summary>The Content-Type of a PATCH body.</summary>
    public const string OffsetContentType = "application/offset+octet-stream";

    /// <summary>Checksum algorithms served, the value of <see cref="TusChecksumAlgorithm"/>, in preference order.</summary>
    public const string ChecksumAlgorithms = Hashing.ChunkChecksum.SupportedAlgorithms;

    /// <summary>Protocol version of a request or response.</summary>
    public const string TusResumable = "Tus-Resumable";

    /// <summary>Versions the server supports (OPTIONS).</summary>
    public const string TusVersion = "Tus-Version";

    /// <summary>Extensions the server supports (OPTIONS).</summary>
    public const string TusExtension = "Tus-Extension";

    /// <summary>Largest upload the server accepts, in bytes (OPTIONS).</summary>
    public const string TusMaxSize = "Tus-Max-Size";

    /// <summary>Checksum algorithms the server supports (OPTIONS).</summary>
    public const string TusChecksumAlgorithm = "Tus-Checksum-Algorithm";

    /// <summary>Total size of an upload in bytes.</summary>
    public const string UploadLength = "Upload-Length";

    /// <summary>Byte offset of an upload: where a PATCH writes, and how far the server has it.</summary>
    public const string UploadOffset = "Upload-Offset";

    /// <summary>Comma-separated <c>key base64value</c> pairs (filename, caption, visibility...).</summary>
    public const string UploadMetadata = "Upload-Metadata";

    /// <summary>"1": the length is given later (creation-defer-length).</summary>
    public const string UploadDeferLength = "Upload-Defer-Length";

    /// <summary>When an unfinished upload expires (RFC 9110 date).</summary>
    public const string UploadExpires = "Upload-Expires";

    /// <summary><c>algorithm base64digest</c> of a PATCH body (checksum extension).</summary>
    public const string UploadChecksum = "Upload-Checksum";

    /// <summary><c>partial</c>, or <c>final;</c> and the partial uploads' URLs (concatenation extension).</summary>
    public const string UploadConcat = "Upload-Concat";

    /// <summary>The id of the video an upload became, on the response that completes it (not part of tus).</summary>
    public const string VideoId = "Video-Id";

    /// <summary>URL of a created upload.</summary>
    public const string Location = "Location";

    /// <summary>What browsers may send (CORS preflight).</summary>
    public static IReadOnlyList<string> RequestHeaders { get; } =
    [
        "Authorization", "Content-Type", TusResumable, UploadLength, UploadOffset, UploadMetadata, UploadDeferLength,
        UploadChecksum, UploadConcat, "X-Requested-With", "X-HTTP-Method-Override",
    ];

    /// <summary>What browser scripts may read (CORS Access-Control-Expose-Headers).</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
    [
        Location, UploadOffset, UploadLength, UploadExpires, UploadMetadata, UploadDeferLength, UploadConcat,
        TusResumable, TusVersion, TusExtension, TusMaxSize, TusChecksumAlgorithm, VideoId, "Retry-After",
    ];
}
