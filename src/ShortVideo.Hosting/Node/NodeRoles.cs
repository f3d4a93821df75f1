using Microsoft.Extensions.Configuration;

namespace ShortVideo.Hosting.Node;

/// <summary>
/// What a node does (configuration <c>Node:Roles</c>, comma-separated; every role by default, as `svctl up`
/// runs). <c>api</c> serves HTTP (uploads, videos, media, feeds); <c>media</c> runs the transcode worker;
/// <c>ranking</c> runs the ranking engine (candidates from the catalog, online learning from events, the model saved
/// under DataDir/ranking) that personalises the For You feed; an api node without it serves the latest videos. Nodes share
/// state only through the engines, so an API node and a media node on the same data directory (or the same
/// S3 bucket and database) split the work: uploads queue jobs on one, the other runs them. <c>gateway</c> runs alone:
/// a reverse proxy in front of api nodes (<c>Gateway:Destinations</c>), holding no state of its own.
/// </summary>
public sealed record NodeRoles(bool Api, bool Media, bool Ranking, bool Gateway = false)
{
    /// <summary>Configuration key.</summary>
    public const string Key = "Node:Roles";

    /// <summary>Every role: the all-in-one node.</summary>
    public static NodeRoles All { get; } = new(Api: true, Media: true, Ranking: true);

    /// <summary>Reads <see cref="Key"/>; an unknown role name stops the node with a sentence naming it.</summary>
    public static NodeRoles From(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return All;
        }

        bool api = false, media = false, ranking = false, gateway = false;
        foreach (var role in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (role.ToLowerInvariant())
            {
                case "api":
                    api = true;
                    break;
                case "media":
                    media = true;
                    break;
                case "ranking":
                    ranking = true;
                    break;
                case "gateway":
                    gateway = true;
                    break;
                case "all":
                    api = media = ranking = true;
                    break;
                default:
                    throw new InvalidOperationException($"{Key} has an unknown role '{role}'; use api, media, ranking, all (comma-separated) or gateway.");
            }
        }

        if (gateway && (api || media || ranking))
        {
            throw new InvalidOperationException($"{Key}: gateway runs alone, in front of api nodes; start the other roles in nodes of their own.");
        }

        return new NodeRoles(api, media, ranking, gateway);
    }
}
