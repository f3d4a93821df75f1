using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using ShortVideo.Blobs;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// The bucket both S3 stores use: owns the <see cref="IAmazonS3"/> client (disposed with the container),
/// the key layout, and the one-time check that the bucket exists. Deliberately not registered as
/// <see cref="IAmazonS3"/>, so an integrator's own S3 client registration is left alone.
/// </summary>
internal sealed partial class S3StorageBucket : IDisposable
{
    private const string CopySourceHeader = "x-amz-copy-source";

    private readonly SemaphoreSlim _readyGate = new(1, 1);
    private readonly ILogger _logger;
    private volatile bool _ready;

    public S3StorageBucket(S3StorageOptions options, ILogger<S3StorageBucket> logger, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Name = options.Bucket ?? throw new ArgumentException("Storage:S3:Bucket is required.", nameof(options));
        ServiceUrl = options.ServiceUrl ?? throw new ArgumentException("Storage:S3:ServiceUrl is required.", nameof(options));
        _logger = logger;
        var config = new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.ForcePathStyle,
            // S3 API servers other than AWS reject or mangle the flexible checksums the SDK adds by default.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        var client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        client.BeforeRequestEvent += KeepCopySourceSlashes;
        Client = client;
    }

    public IAmazonS3 Client { get; }

    public S3StorageOptions Options { get; }

    public string Name { get; }

    public string ServiceUrl { get; }

    /// <summary>The temporary object a multipart upload completes into: <c>{Prefix}uploads/{uploadId}</c>.</summary>
    public string UploadKey(string uploadId) => $"{Options.Prefix}uploads/{uploadId}";

    /// <summary>Bytes short of a part at a commit: <c>{Prefix}uploads/{uploadId}.tail.{generation}</c>.</summary>
    public string TailKey(string uploadId, long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"{TailPrefix(uploadId)}{generation}");

    /// <summary>Lists every tail generation of one upload; ids are URL-safe, so "." ends the id.</summary>
    public string TailPrefix(string uploadId) => $"{Options.Prefix}uploads/{uploadId}.tail.";

    public string BlobKey(string sha256Hex) => $"{Options.Prefix}blobs/{BlobAddress.RelativeKey(sha256Hex)}";

    /// <summary>Checks (and creates, when allowed) the bucket once; later calls return synchronously.</summary>
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) =>
        _ready ? default : EnsureReadySlowAsync(cancellationToken);

    /// <summary>A HEAD of the bucket every time (health checks); creates it when missing and allowed.</summary>
    public async ValueTask CheckAsync(CancellationToken cancellationToken)
    {
        bool exists;
        try
        {
            await Client.HeadBucketAsync(new HeadBucketRequest { BucketName = Name }, cancellationToken).ConfigureAwait(false);
            exists = true;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            exists = false;
        }
        catch (AmazonServiceException e)
        {
            // It answered, but not with the bucket: bad keys (403), a wrong region, a server error.
            throw new IOException($"S3 storage at {ServiceUrl} answered the check of bucket '{Name}' with {S3Errors.Describe(e)}", e);
        }
        catch (Exception e) when (IsFailureToAnswer(e, cancellationToken))
        {
            throw new IOException($"S3 storage at {ServiceUrl} (bucket '{Name}') did not answer: {S3Errors.Describe(e)}", e);
        }

        if (!exists)
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        _ready = true;
    }

    public void Dispose()
    {
        Client.Dispose();
        _readyGate.Dispose();
    }

    private async ValueTask EnsureReadySlowAsync(CancellationToken cancellationToken)
    {
        await _readyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await CheckAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _readyGate.Release();
        }
    }

    private async ValueTask CreateAsync(CancellationToken cancellationToken)
    {
        if (!Options.CreateBucketIfMissing)
        {
            throw new InvalidOperationException(
                $"S3 bucket '{Name}' does not exist at {ServiceUrl}. Create it, or set Storage:S3:CreateBucketIfMissing to true.");
        }

        try
        {
            await Client.PutBucketAsync(new PutBucketRequest { BucketName = Name }, cancellationToken).ConfigureAwait(false);
            S3Log.BucketCreated(_logger, Name, ServiceUrl);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Another node created it between our HEAD and PUT.
        }
        catch (Exception e) when (IsFailureToAnswer(e, cancellationToken))
        {
            throw new IOException($"Could not create S3 bucket '{Name}' at {ServiceUrl}: {S3Errors.Describe(e)}", e);
        }
    }

    /// <summary>
    /// Sends "x-amz-copy-source: bucket/key" with literal slashes, as boto3 and the AWS CLI do. SDK v4 encodes
    /// them (%2F), which AWS accepts but some S3 API servers cannot split into bucket and key (s3rver 3.7
    /// answers NoSuchBucket). Runs after marshalling and before signing, so the signature covers the result.
    /// </summary>
    private static void KeepCopySourceSlashes(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs { Headers: { } headers } && headers.TryGetValue(CopySourceHeader, out var source))
        {
            headers[CopySourceHeader] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Anything remote but our own cancellation: a refused connection, a timeout, an error answer.</summary>
    private static bool IsFailureToAnswer(Exception e, CancellationToken cancellationToken) =>
        S3Errors.IsRemoteFailure(e) && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
