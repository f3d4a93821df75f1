namespace ShortVideo.Cli.Upload;

/// <summary>How far an upload got: the server's acknowledged offset out of the file's length.</summary>
internal readonly record struct UploadProgress(long BytesUploaded, long TotalBytes);
