namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// Where the S3 storage adapter keeps unfinished uploads and content-addressed blobs
/// (configuration section "Storage:S3"). Works with AWS S3 and S3 API servers (MinIO, Ceph, s3rver).
/// </summary>
/// <remarks>
/// Keys: unfinished uploads live under <c>{Prefix}uploads/</c>, blobs under
/// <c>{Prefix}blobs/ab/cd/abcd…</c> (the blob's SHA-256).
/// </remarks>
public sealed class S3StorageOptions
{
    /// <summary>The smallest part S3 accepts in a multipart upload (all parts but the last).</summary>
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// <summary>The largest part S3 accepts in a multipart upload.</summary>
    public const long MaxPartSizeBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>Endpoint of the S3 API, for example "http://127.0.0.1:4569" or "https://s3.us-east-1.amazonaws.com". Required.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Region used to sign requests. Default "us-east-1" (what most S3 API servers expect).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket that holds uploads and blobs. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>Access key id; leave both keys empty to use the SDK's default credential chain (IAM roles).</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key; set together with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Prefix of every key, empty or ending with "/" (for example "tenant-a/"), so one bucket can serve several nodes. Default "".</summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// Address buckets as "host/bucket" rather than "bucket.host". Default true, which every S3 API
    /// server understands; AWS accepts both.
    /// </summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// Send bodies with streaming SigV4 ("aws-chunked"). Default false: some S3 API servers (s3rver 3.7)
    /// store the chunk framing verbatim as object bytes; every part is buffered in memory anyway.
    /// </summary>
    public bool UseChunkEncoding { get; set; }

    /// <summary>
    /// Size of a multipart upload part, which is also the memory one upload writer holds.
    /// Between 5 MiB and 5 GiB; default 8 MiB. At most 10,000 parts: 8 MiB parts allow 78 GiB uploads.
    /// </summary>
    public long PartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Create the bucket on first use when it does not exist. Default true.</summary>
    public bool CreateBucketIfMissing { get; set; } = true;
}
