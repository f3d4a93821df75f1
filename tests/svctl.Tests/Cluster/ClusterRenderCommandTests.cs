using k8s;
using k8s.Models;
using ShortVideo.Cli.Commands;
using ShortVideo.Hosting.Node;
using ShortVideo.Testing;
using svctl.Tests.Upload;

namespace svctl.Tests.Cluster;

/// <summary>
/// svctl cluster render --kubernetes: the files load into KubernetesClient's typed models (no cluster can run here, and
/// kubectl's dry run needs an API server), every role and setting is in them, and bad input is one line and exit 2.
/// </summary>
public sealed class ClusterRenderCommandTests : IDisposable
{
    private static readonly string[] Roles = ["api", "media", "ranking", "gateway"];
    private readonly TempDirectory _out = new("k8s");

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Each_role_gets_a_deployment_with_its_role_probes_on_healthz_and_readyz_resource_requests_and_the_config_map()
    {
        var objects = await RenderAsync("--namespace", "video-prod", "--image", "registry.local/shortvideo:1.2.3");

        var deployments = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        Assert.Equal(Roles.Select(r => "shortvideo-" + r).Order(), deployments.Keys.Order());
        foreach (var role in Roles)
        {
            var deployment = deployments["shortvideo-" + role];
            Assert.Equal("video-prod", deployment.Metadata.NamespaceProperty);
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("registry.local/shortvideo:1.2.3", container.Image);
            Assert.Equal(role, Assert.Single(container.Env, e => e.Name == "SV_Node__Roles").Value);
            Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
            Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"), role);
            Assert.Equal("shortvideo-config", Assert.Single(container.EnvFrom).ConfigMapRef.Name);
            Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels);
        }
    }

    [Fact]
    public async Task Api_and_gateway_get_services_and_disruption_budgets_and_api_and_media_get_autoscalers_that_select_their_pods()
    {
        var objects = await RenderAsync();
        var pods = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name, d => d.Spec.Template.Metadata.Labels);

        var services = objects.OfType<V1Service>().ToDictionary(s => s.Metadata.Name);
        Assert.Equal(["shortvideo-api", "shortvideo-gateway"], services.Keys.Order());
        Assert.Equal("LoadBalancer", services["shortvideo-gateway"].Spec.Type);
        Assert.Equal("ClusterIP", services["shortvideo-api"].Spec.Type);
        foreach (var (name, service) in services)
        {
            Assert.Equal(pods[name], service.Spec.Selector);
        }

        var budgets = objects.OfType<V1PodDisruptionBudget>().ToDictionary(b => b.Metadata.Name);
        Assert.Equal(["shortvideo-api", "shortvideo-gateway"], budgets.Keys.Order());
        Assert.All(budgets, b => Assert.Equal(pods[b.Key], b.Value.Spec.Selector.MatchLabels));

        var autoscalers = objects.OfType<V2HorizontalPodAutoscaler>().ToDictionary(a => a.Metadata.Name);
        Assert.Equal(["shortvideo-api", "shortvideo-media"], autoscalers.Keys.Order());
        foreach (var (name, autoscaler) in autoscalers)
        {
            Assert.Equal(("Deployment", name), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
            Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas);
            Assert.Equal("cpu", Assert.Single(autoscaler.Spec.Metrics).Resource.Name);
        }
    }

    [Fact]
    public async Task Engine_settings_are_in_the_config_map_and_credentials_only_as_secret_references_never_values()
    {
        var objects = await RenderAsync("--s3-url", "https://s3.example.net", "--s3-bucket", "clips");

        var settings = Assert.Single(objects.OfType<V1ConfigMap>()).Data;
        Assert.Equal("Postgres", settings["SV_Metadata__Provider"]);
        Assert.Equal("S3", settings["SV_Storage__Provider"]);
        Assert.Equal("https://s3.example.net", settings["SV_Storage__S3__ServiceUrl"]);
        Assert.Equal("clips", settings["SV_Storage__S3__Bucket"]);
        Assert.Equal("Production", settings["SV_Auth__Mode"]);
        Assert.Equal("http://shortvideo-api:8080", settings["SV_Gateway__Destinations"]);
        Assert.Empty(objects.OfType<V1Secret>());

        foreach (var deployment in objects.OfType<V1Deployment>().Where(d => d.Metadata.Name != "shortvideo-gateway"))
        {
            var secrets = Assert.Single(deployment.Spec.Template.Spec.Containers).Env
                .Where(e => e.ValueFrom?.SecretKeyRef is not null)
                .ToDictionary(e => e.Name, e => (e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key));
            Assert.Equal(("shortvideo-engines", "postgres-connection-string"), secrets["SV_Metadata__Postgres__ConnectionString"]);
            Assert.Equal(("shortvideo-engines", "s3-access-key"), secrets["SV_Storage__S3__AccessKey"]);
            Assert.Equal(("shortvideo-engines", "s3-secret-key"), secrets["SV_Storage__S3__SecretKey"]);
            Assert.Equal(("shortvideo-engines", "auth-signing-key"), secrets["SV_Auth__SigningKey"]);
        }
    }

    [Fact]
    public async Task The_gateway_deployments_settings_start_a_real_gateway_node()
    {
        var objects = await RenderAsync();
        var settings = Assert.Single(objects.OfType<V1ConfigMap>()).Data
            .Concat(Assert.Single(objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "shortvideo-gateway").Spec.Template.Spec.Containers).Env
                .Where(e => e.Value is not null).Select(e => KeyValuePair.Create(e.Name, e.Value)));

        await using var gateway = await InProcessNode.StartAsync(o =>
        {
            foreach (var (name, value) in settings.Where(s => s.Key is not ("SV_Urls" or "SV_DataDir")))
            {
                o[name["SV_".Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var live = await client.GetAsync("healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.True(gateway.App.Services.GetService(typeof(NodeRoles)) is NodeRoles { Gateway: true });
    }

    [Theory]
    [InlineData(new string[0], "choose a target: --kubernetes")]
    [InlineData(new[] { "--kubernetes", "--namespace", "Video_Prod" }, "--namespace 'Video_Prod' is not a Kubernetes name")]
    [InlineData(new[] { "--kubernetes", "--image", "bad image" }, "--image 'bad image' is not an image reference")]
    [InlineData(new[] { "--kubernetes", "--s3-url", "s3.example.net" }, "--s3-url 's3.example.net' is not an http(s) URL")]
    [InlineData(new[] { "--kubernetes", "--s3-bucket", " " }, "--s3-bucket must not be empty")]
    public async Task Bad_input_is_one_line_exit_code_2_and_writes_nothing(string[] args, string expected)
    {
        var outcome = await CommandRunner.RunAsync(ClusterCommand.Create(), ["cluster", "render", "--out", _out.Path, .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith($"svctl cluster render: {expected}", Assert.Single(outcome.StderrLines), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out.Path));
    }

    [Fact]
    public async Task An_out_path_that_is_a_file_is_refused_with_one_line()
    {
        var file = Path.Combine(_out.Path, "taken");
        await File.WriteAllTextAsync(file, "x");

        var outcome = await CommandRunner.RunAsync(ClusterCommand.Create(), "cluster", "render", "--kubernetes", "--out", file);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"svctl cluster render: --out {file} is a file; name a directory.", Assert.Single(outcome.StderrLines));
    }

    private async Task<List<object>> RenderAsync(params string[] args)
    {
        var outcome = await CommandRunner.RunAsync(ClusterCommand.Create(), ["cluster", "render", "--kubernetes", "--out", _out.Path, .. args]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var files = Directory.GetFiles(_out.Path, "*.yaml");
        Assert.Equal(11, files.Length);
        var objects = new List<object>();
        foreach (var file in files)
        {
            objects.AddRange(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)));
        }

        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject>(o));
        return objects;
    }
}
