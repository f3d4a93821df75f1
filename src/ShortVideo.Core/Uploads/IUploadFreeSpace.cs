namespace ShortVideo.Uploads;

/// <summary>
/// Implemented by an <see cref="IUploadDataStore"/> that writes to a filesystem whose free space can run out; the
/// engine then refuses uploads and chunks that would not fit (507). A store without it (S3) is not checked.
/// </summary>
internal interface IUploadFreeSpace
{
    /// <summary>Bytes the node may still write where upload bytes go, now.</summary>
    long AvailableBytes();
}
