using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Integrator.Tests;

/// <summary>
/// The Program.cs an integrator writes: a whole node (uploads, storage, metadata, jobs, the media pipeline and its
/// worker, auth, health) plus the ranking engine with GPU retrieval where a GPU is present, from the packages'
/// public API. Configuration comes from the usual places (appsettings.json, environment, command-line arguments:
/// <c>--DataDir</c>, <c>--urls</c>, <c>--Storage:Provider S3</c>...).
/// </summary>
internal static class IntegratorProgram
{
    public static WebApplication Build(string[] args, Action<IShortVideoBuilder>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var node = builder.Services.AddShortVideoNode(builder.Configuration)
            .AddShortVideoRanking()
            .AddRetrievalBackend(retrieval => retrieval.Device = RetrievalDevice.Auto)
            .AddReranker();
        extend?.Invoke(node);

        var app = builder.Build();
        app.UseShortVideoNode();
        return app;
    }
}
