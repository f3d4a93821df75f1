using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests;

/// <summary>The services of one node over every metadata store of an engine (<see cref="MetadataEngine.AddStores"/>), for contract tests.</summary>
internal sealed class StoreServices : IAsyncDisposable
{
    private readonly List<ServiceProvider> _nodes = [];

    private StoreServices(MetadataEngine engine) => Engine = engine;

    public MetadataEngine Engine { get; }

    public static async Task<StoreServices> CreateAsync(MetadataEngineKind kind) => new(await MetadataEngine.CreateAsync(kind));

    /// <summary>A node's services on this engine's database (each call: another node, with its own connections).</summary>
    public ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Engine.AddStores(services.AddShortVideo());
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Engine.DisposeAsync();
    }
}
