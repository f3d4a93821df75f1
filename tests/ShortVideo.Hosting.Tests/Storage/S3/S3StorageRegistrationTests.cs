using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShortVideo.Blobs;
using ShortVideo.Hosting.Storage.S3;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Tests.Storage.S3;

public sealed class S3StorageRegistrationTests
{
    [Fact]
    public void AddS3Storage_wins_over_a_default_store_registered_before_or_after_with_TryAdd()
    {
        var services = new ServiceCollection();
        services.TryAddSingleton<IUploadDataStore, DefaultUploadDataStore>();

        new ShortVideoBuilder(services).AddS3Storage(Valid);
        services.TryAddSingleton<IBlobStore, DefaultBlobStore>();

        using var provider = services.BuildServiceProvider();
        Assert.IsType<S3UploadDataStore>(provider.GetRequiredService<IUploadDataStore>());
        Assert.IsType<S3BlobStore>(provider.GetRequiredService<IBlobStore>());
        Assert.Single(provider.GetServices<IUploadDataStore>());
    }

    [Fact]
    public void Options_come_from_the_Storage_S3_configuration_section_when_the_node_binds_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:4569",
                ["Storage:S3:Bucket"] = "videos",
                ["Storage:S3:Prefix"] = "node-a/",
                ["Storage:S3:PartSizeBytes"] = "16777216",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<S3StorageOptions>().BindConfiguration("Storage:S3");

        new ShortVideoBuilder(services).AddS3Storage();

        using var provider = services.BuildServiceProvider();
        var bucket = provider.GetRequiredService<S3StorageBucket>();
        Assert.Equal("videos", bucket.Name);
        Assert.Equal("node-a/uploads/u1", bucket.UploadKey("u1"));
        Assert.Equal(16L * 1024 * 1024, bucket.Options.PartSizeBytes);
        Assert.Equal("us-east-1", bucket.Options.Region);
        Assert.True(bucket.Options.ForcePathStyle);
        Assert.False(bucket.Options.UseChunkEncoding);
    }

    [Fact]
    public void Missing_ServiceUrl_and_Bucket_fail_at_start_with_a_sentence_each()
    {
        var services = new ServiceCollection();
        new ShortVideoBuilder(services).AddS3Storage();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Storage:S3:ServiceUrl is required: the S3 API endpoint, for example http://127.0.0.1:4569.", error.Failures);
        Assert.Contains("Storage:S3:Bucket is required: the bucket that holds uploads and blobs.", error.Failures);
    }

    private static readonly Dictionary<string, Action<S3StorageOptions>> Mistakes = new()
    {
        ["part too small"] = options => options.PartSizeBytes = S3StorageOptions.MinPartSizeBytes - 1,
        ["prefix without slash"] = options => options.Prefix = "tenant",
        ["access key alone"] = options => options.SecretKey = null,
        ["url without scheme"] = options => options.ServiceUrl = "localhost:4569",
    };

    [Theory]
    [InlineData("part too small", "Storage:S3:PartSizeBytes is 5242879; S3 accepts parts from 5 MiB")]
    [InlineData("prefix without slash", "Storage:S3:Prefix 'tenant' must be empty or end with '/'")]
    [InlineData("access key alone", "Storage:S3:AccessKey and Storage:S3:SecretKey go together")]
    [InlineData("url without scheme", "Storage:S3:ServiceUrl 'localhost:4569' is not an absolute http(s) URL.")]
    public void Invalid_options_fail_with_a_sentence_that_names_the_setting(string mistake, string message)
    {
        var options = new S3StorageOptions();
        Valid(options);
        Mistakes[mistake](options);

        var result = new S3StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Fact]
    public void Disposing_the_container_disposes_the_S3_client_it_owns()
    {
        var services = new ServiceCollection();
        new ShortVideoBuilder(services).AddS3Storage(Valid);
        var provider = services.BuildServiceProvider();
        var bucket = provider.GetRequiredService<S3StorageBucket>();
        _ = provider.GetRequiredService<IBlobStore>();

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => bucket.Client.ListBucketsAsync().GetAwaiter().GetResult());
    }

    private static void Valid(S3StorageOptions options)
    {
        options.ServiceUrl = "http://127.0.0.1:4569";
        options.Bucket = "videos";
        options.AccessKey = "S3RVER";
        options.SecretKey = "S3RVER";
    }

    private sealed class DefaultUploadDataStore : IUploadDataStore
    {
        public ValueTask<string?> CreateAsync(string uploadId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<IUploadDataWriter> OpenWriterAsync(string uploadId, long offset, string? storeState, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<Stream> OpenReadAsync(string uploadId, long length, string? storeState, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<bool> PromoteAsync(string uploadId, long length, string? storeState, string sha256Hex, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask DeleteAsync(string uploadId, string? storeState, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class DefaultBlobStore : IBlobStore
    {
        public string Name => "default";

        public ValueTask<long?> GetSizeAsync(string sha256Hex, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DeleteAsync(string sha256Hex, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask CheckAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
