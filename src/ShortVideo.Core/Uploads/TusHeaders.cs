namespace ShortVideo.Uploads;

/// <summary>Header names and fixed values of tus 1.0, shared by the server mapping and the svctl client.</summary>
internal static class TusHeaders
{
    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,creation-defer-length,expiration,checksum,termination,concatenation";
    public const string OffsetContentType = "application/offset+octet-stream";

    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string TusChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string UploadLength = "Upload-Length";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadChecksum = "Upload-Checksum";
    public const string UploadConcat = "Upload-Concat";
    public const string VideoId = "Video-Id";
    public const string Location = "Location";

    /// <summary>What browsers may send (CORS preflight).</summary>
    public static readonly string[] RequestHeaders =
    [
        "Authorization", "Content-Type", TusResumable, UploadLength, UploadOffset, UploadMetadata, UploadDeferLength,
        UploadChecksum, UploadConcat, "X-Requested-With", "X-HTTP-Method-Override",
    ];

    /// <summary>What browser scripts may read (CORS Access-Control-Expose-Headers).</summary>
    public static readonly string[] ExposedHeaders =
    [
        Location, UploadOffset, UploadLength, UploadExpires, UploadMetadata, UploadDeferLength, UploadConcat,
        TusResumable, TusVersion, TusExtension, TusMaxSize, TusChecksumAlgorithm, VideoId,
    ];
}
