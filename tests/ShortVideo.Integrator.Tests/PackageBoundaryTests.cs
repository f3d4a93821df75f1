using System.Reflection;
using System.Runtime.CompilerServices;
using ShortVideo.Catalog;
using ShortVideo.Gpu;
using ShortVideo.Hosting.Node;

namespace ShortVideo.Integrator.Tests;

/// <summary>The packages are real boundaries: none opens its internals to another shipped assembly.</summary>
public sealed class PackageBoundaryTests
{
    // Test projects end in .Tests; these two hold benchmark code and are never packed.
    private static readonly string[] BenchmarkProjects = ["ShortVideo.Benchmarks", "ShortVideo.Ranking.Bench"];

    public static TheoryData<string> ShippedAssemblies => new()
    {
        typeof(VideoRecord).Assembly.GetName().Name!,
        typeof(GpuProbe).Assembly.GetName().Name!,
        typeof(NodeRoles).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void A_shipped_assembly_opens_its_internals_to_test_and_benchmark_projects_only(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var friends = assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        var shipped = friends.Where(f => !f.EndsWith(".Tests", StringComparison.Ordinal) && !BenchmarkProjects.Contains(f)).ToList();

        Assert.True(shipped.Count == 0, $"{assemblyName} opens its internals to {string.Join(", ", shipped)}.");
    }
}
