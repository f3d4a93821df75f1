namespace ShortVideo.Uploads;

/// <summary>
/// What the uploads held by the store add up to when a new upload is about to be stored; the engine admits or refuses
/// the new upload on these figures (<see cref="IUploadRepository.CreateAsync"/>). An upload is held while its bytes
/// are in the upload store: unfinished, or a finished partial upload that was not deleted. Uploads past their expiry
/// are gone to their owner and are not counted, even before the sweeper deletes them.
/// </summary>
public sealed class UploadUsage
{
    /// <summary>How many uploads the new upload's owner holds.</summary>
    public int OwnerUploads { get; init; }

    /// <summary>The sum of the declared lengths of the uploads the owner holds (a deferred length counts as the reservation asked for).</summary>
    public long OwnerReservedBytes { get; init; }

    /// <summary>Over all owners: the bytes unfinished uploads have yet to receive (declared, or reserved, length minus offset).</summary>
    public long PendingBytes { get; init; }
}
