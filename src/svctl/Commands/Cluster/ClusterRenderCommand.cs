using System.CommandLine;
using System.Text.RegularExpressions;
using k8s;
using ShortVideo.Cli.Cluster;

namespace ShortVideo.Cli.Commands.Cluster;

/// <summary>
/// <c>svctl cluster render --kubernetes [--out DIR] [--namespace NS] [--image IMAGE] [--s3-url URL] [--s3-bucket NAME]</c>:
/// writes the manifests of a scaled-out deployment, one YAML file per object, for <c>kubectl apply -f DIR</c>.
/// </summary>
internal static partial class ClusterRenderCommand
{
    private const string Name = "cluster render";

    public static Command Create()
    {
        var kubernetes = new Option<bool>("--kubernetes") { Description = "Render Kubernetes manifests (the only target so far)." };
        var output = new Option<string>("--out") { Description = "Directory to write the manifests into (created; files of the same names are replaced).", DefaultValueFactory = _ => "k8s" };
        var ns = new Option<string>("--namespace") { Description = "Namespace of every object.", DefaultValueFactory = _ => "shortvideo" };
        var image = new Option<string>("--image") { Description = "Container image whose entrypoint is svctl.", DefaultValueFactory = _ => "shortvideo/node:latest" };
        var s3Url = new Option<string>("--s3-url") { Description = "S3 API endpoint the nodes use.", DefaultValueFactory = _ => "http://s3.shortvideo.svc:9000" };
        var s3Bucket = new Option<string>("--s3-bucket") { Description = "S3 bucket of blobs and media.", DefaultValueFactory = _ => "shortvideo" };
        var command = new Command("render", "Write deployment manifests: a Deployment per role, Services, probes, autoscalers, disruption budgets, a ConfigMap and Secret references.");
        foreach (var option in new Option[] { kubernetes, output, ns, image, s3Url, s3Bucket })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (!parseResult.GetValue(kubernetes))
            {
                return Fail(error, "choose a target: --kubernetes", ExitCodes.Usage);
            }

            var settings = new KubernetesRenderSettings
            {
                Namespace = parseResult.GetValue(ns)!,
                Image = parseResult.GetValue(image)!,
                S3ServiceUrl = parseResult.GetValue(s3Url)!,
                S3Bucket = parseResult.GetValue(s3Bucket)!,
            };
            if (Problem(settings) is { } problem)
            {
                return Fail(error, problem, ExitCodes.Usage);
            }

            var directory = parseResult.GetValue(output)!;
            if (File.Exists(directory))
            {
                return Fail(error, $"--out {Path.GetFullPath(directory)} is a file; name a directory.", ExitCodes.Usage);
            }

            try
            {
                Directory.CreateDirectory(directory);
                var objects = KubernetesManifests.Build(settings);
                foreach (var (file, manifest) in objects)
                {
                    File.WriteAllText(Path.Combine(directory, file), KubernetesYaml.Serialize(manifest));
                }

                parseResult.InvocationConfiguration.Output.WriteLine(
                    $"Wrote {objects.Count} manifests to {Path.GetFullPath(directory)}. Create the Secret '{KubernetesManifests.SecretName}' "
                    + $"({string.Join(", ", KubernetesManifests.SecretSettings.Select(s => s.Key))}) in namespace '{settings.Namespace}', then: kubectl apply -f {directory}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(error, $"could not write to {Path.GetFullPath(directory)}: {e.Message}", ExitCodes.Failed);
            }
        });
        return command;
    }

    private static string? Problem(KubernetesRenderSettings settings)
    {
        if (!DnsLabel().IsMatch(settings.Namespace))
        {
            return $"--namespace '{settings.Namespace}' is not a Kubernetes name (lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit)";
        }

        if (string.IsNullOrWhiteSpace(settings.Image) || settings.Image.Any(char.IsWhiteSpace))
        {
            return $"--image '{settings.Image}' is not an image reference";
        }

        if (!Uri.TryCreate(settings.S3ServiceUrl, UriKind.Absolute, out var s3) || (s3.Scheme != Uri.UriSchemeHttp && s3.Scheme != Uri.UriSchemeHttps))
        {
            return $"--s3-url '{settings.S3ServiceUrl}' is not an http(s) URL";
        }

        return string.IsNullOrWhiteSpace(settings.S3Bucket) ? "--s3-bucket must not be empty" : null;
    }

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine($"svctl {Name}: {message}");
        return exitCode;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
