using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Checked at start (ValidateOnStart), so a misconfigured node fails with a sentence, not at the first upload.</summary>
internal sealed class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            failures.Add("Storage:S3:ServiceUrl is required: the S3 API endpoint, for example http://127.0.0.1:4569.");
        }
        else if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Storage:S3:ServiceUrl '{options.ServiceUrl}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add("Storage:S3:Bucket is required: the bucket that holds uploads and blobs.");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add("Storage:S3:Region is required (use us-east-1 for most S3 API servers).");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add("Storage:S3:AccessKey and Storage:S3:SecretKey go together: set both, or neither to use the default AWS credential chain.");
        }

        if (options.Prefix is null || (options.Prefix.Length > 0 && (!options.Prefix.EndsWith('/') || options.Prefix.StartsWith('/'))))
        {
            failures.Add($"Storage:S3:Prefix '{options.Prefix}' must be empty or end with '/' and not start with '/', for example 'node-a/'.");
        }

        if (options.PartSizeBytes is < S3StorageOptions.MinPartSizeBytes or > S3StorageOptions.MaxPartSizeBytes)
        {
            failures.Add($"Storage:S3:PartSizeBytes is {options.PartSizeBytes}; S3 accepts parts from 5 MiB ({S3StorageOptions.MinPartSizeBytes}) to 5 GiB.");
        }
        else if (options.PartSizeBytes > Array.MaxLength)
        {
            // A part is buffered in one array before it is sent.
            failures.Add($"Storage:S3:PartSizeBytes is {options.PartSizeBytes}; a part is buffered in memory, so at most {Array.MaxLength} bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
