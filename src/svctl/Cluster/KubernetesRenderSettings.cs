namespace ShortVideo.Cli.Cluster;

/// <summary>What <c>svctl cluster render --kubernetes</c> puts into the manifests.</summary>
internal sealed record KubernetesRenderSettings
{
    public string Namespace { get; init; } = "shortvideo";

    public string Image { get; init; } = "shortvideo/node:latest";

    public string S3ServiceUrl { get; init; } = "http://s3.shortvideo.svc:9000";

    public string S3Bucket { get; init; } = "shortvideo";
}
