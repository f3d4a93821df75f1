using k8s;
using k8s.Models;

namespace ShortVideo.Cli.Cluster;

/// <summary>
/// The Kubernetes objects of a scaled-out deployment: one Deployment per role (api, media, ranking, gateway), Services
/// for api and gateway, probes on <c>/healthz</c> and <c>/readyz</c>, resource requests, HorizontalPodAutoscalers for api
/// and media, PodDisruptionBudgets for api and gateway, a ConfigMap of settings, and references to a Secret holding
/// the engines' credentials (the operator creates it; no credential is ever written here).
/// </summary>
internal static class KubernetesManifests
{
    public const string ConfigMapName = "shortvideo-config";
    public const string SecretName = "shortvideo-engines";
    public const int Port = 8080;

    /// <summary>Settings every node reads from the ConfigMap (environment names: <c>SV_</c>, <c>:</c> as <c>__</c>).</summary>
    public static IReadOnlyDictionary<string, string> Settings(KubernetesRenderSettings settings) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["SV_Urls"] = $"http://0.0.0.0:{Port}",
        ["SV_DataDir"] = "/data",
        ["SV_Metadata__Provider"] = "Postgres",
        ["SV_Storage__Provider"] = "S3",
        ["SV_Storage__S3__ServiceUrl"] = settings.S3ServiceUrl,
        ["SV_Storage__S3__Bucket"] = settings.S3Bucket,
        ["SV_Auth__Mode"] = "Production",
        ["SV_Gateway__Destinations"] = $"http://{Name("api")}:{Port}",
    };

    /// <summary>Secret keys and the settings they fill (the Secret <see cref="SecretName"/> must hold each key).</summary>
    public static IReadOnlyList<(string Variable, string Key)> SecretSettings { get; } =
    [
        ("SV_Metadata__Postgres__ConnectionString", "postgres-connection-string"),
        ("SV_Storage__S3__AccessKey", "s3-access-key"),
        ("SV_Storage__S3__SecretKey", "s3-secret-key"),
        ("SV_Auth__SigningKey", "auth-signing-key"),
    ];

    public static IReadOnlyList<RoleShape> Roles { get; } =
    [
        new("api", Replicas: 2, Cpu: "500m", Memory: "1Gi", CpuLimit: "2", MemoryLimit: "2Gi", Autoscale: (2, 20), Service: true, Disruption: true),
        new("media", Replicas: 1, Cpu: "2", Memory: "2Gi", CpuLimit: "4", MemoryLimit: "4Gi", Autoscale: (1, 10), Service: false, Disruption: false),
        new("ranking", Replicas: 1, Cpu: "1", Memory: "4Gi", CpuLimit: "2", MemoryLimit: "8Gi", Autoscale: null, Service: false, Disruption: false),
        new("gateway", Replicas: 2, Cpu: "250m", Memory: "256Mi", CpuLimit: "1", MemoryLimit: "512Mi", Autoscale: null, Service: true, Disruption: true),
    ];

    /// <summary>Every object, in apply order, each with the file it is written to.</summary>
    public static IReadOnlyList<(string File, IKubernetesObject Object)> Build(KubernetesRenderSettings settings)
    {
        var objects = new List<(string, IKubernetesObject)> { ("configmap.yaml", ConfigMap(settings)) };
        foreach (var role in Roles)
        {
            objects.Add(($"{role.Name}-deployment.yaml", Deployment(role, settings)));
            if (role.Service)
            {
                objects.Add(($"{role.Name}-service.yaml", Service(role, settings)));
            }

            if (role.Autoscale is { } range)
            {
                objects.Add(($"{role.Name}-hpa.yaml", Autoscaler(role, settings, range.Min, range.Max)));
            }

            if (role.Disruption)
            {
                objects.Add(($"{role.Name}-pdb.yaml", DisruptionBudget(role, settings)));
            }
        }

        return objects;
    }

    public static string Name(string role) => "shortvideo-" + role;

    private static Dictionary<string, string> Labels(string role) => new()
    {
        ["app.kubernetes.io/name"] = "shortvideo",
        ["app.kubernetes.io/component"] = role,
    };

    private static V1ObjectMeta Meta(string name, KubernetesRenderSettings settings, string? role = null) =>
        new() { Name = name, NamespaceProperty = settings.Namespace, Labels = role is null ? new Dictionary<string, string> { ["app.kubernetes.io/name"] = "shortvideo" } : Labels(role) };

    private static V1ConfigMap ConfigMap(KubernetesRenderSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta(ConfigMapName, settings),
        Data = new Dictionary<string, string>(Settings(settings)),
    };

    private static V1Deployment Deployment(RoleShape role, KubernetesRenderSettings settings)
    {
        var environment = new List<V1EnvVar> { new() { Name = "SV_Node__Roles", Value = role.Name } };
        if (role.Name != "gateway")
        {
            // A gateway holds no state and needs no engine credentials.
            environment.AddRange(SecretSettings.Select(s => new V1EnvVar
            {
                Name = s.Variable,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = s.Key } },
            }));
        }

        var container = new V1Container
        {
            Name = role.Name,
            Image = settings.Image,

            // The image's entrypoint is svctl (the .NET tool); `up` runs a node with the roles and settings below.
            Args = ["up"],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = Port }],
            Env = environment,
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName } }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(role.Cpu), ["memory"] = new(role.Memory) },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(role.CpuLimit), ["memory"] = new(role.MemoryLimit) },
            },
            LivenessProbe = Probe("/healthz", periodSeconds: 10, failureThreshold: 3),
            ReadinessProbe = Probe("/readyz", periodSeconds: 5, failureThreshold: 1),
            StartupProbe = Probe("/healthz", periodSeconds: 2, failureThreshold: 150),
            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
        };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Meta(Name(role.Name), settings, role.Name),
            Spec = new V1DeploymentSpec
            {
                Replicas = role.Replicas,
                Selector = new V1LabelSelector { MatchLabels = Labels(role.Name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = Labels(role.Name) },
                    Spec = new V1PodSpec
                    {
                        // Drain in-flight uploads and transcodes: the node's own graceful stop allows 30 s.
                        TerminationGracePeriodSeconds = 45,
                        Containers = [container],

                        // State lives in the engines; the data directory only caches (model snapshots, temp files).
                        Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }

    private static V1Probe Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = Port },
        PeriodSeconds = periodSeconds,
        FailureThreshold = failureThreshold,
        TimeoutSeconds = 3,
    };

    private static V1Service Service(RoleShape role, KubernetesRenderSettings settings) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(Name(role.Name), settings, role.Name),
        Spec = new V1ServiceSpec
        {
            // The gateway is the one address clients use; api nodes are reached through it (and by the gateway's Service name).
            Type = role.Name == "gateway" ? "LoadBalancer" : "ClusterIP",
            Selector = Labels(role.Name),
            Ports = [new V1ServicePort { Name = "http", Port = role.Name == "gateway" ? 80 : Port, TargetPort = Port }],
        },
    };

    private static V2HorizontalPodAutoscaler Autoscaler(RoleShape role, KubernetesRenderSettings settings, int min, int max) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Meta(Name(role.Name), settings, role.Name),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = Name(role.Name) },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 },
                    },
                },
            ],
        },
    };

    private static V1PodDisruptionBudget DisruptionBudget(RoleShape role, KubernetesRenderSettings settings) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Meta(Name(role.Name), settings, role.Name),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = 1,
            Selector = new V1LabelSelector { MatchLabels = Labels(role.Name) },
        },
    };

    /// <summary>What one role's Deployment asks for.</summary>
    internal sealed record RoleShape(
        string Name, int Replicas, string Cpu, string Memory, string CpuLimit, string MemoryLimit, (int Min, int Max)? Autoscale, bool Service, bool Disruption);
}
