using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShortVideo.Cli.Up;
using ShortVideo.Hosting.Configuration;
using ShortVideo.Hosting.Node;

namespace ShortVideo.Cli.Commands;

/// <summary>`svctl up`: an all-in-one node on embedded defaults, until Ctrl+C or SIGTERM.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data directory (default ./.svdata, or DataDir from configuration)." };
        var urls = new Option<string?>("--urls") { Description = $"Listen URLs, ';'-separated (default {ShortVideoNode.DefaultUrls})." };
        var command = new Command("up", "Run an all-in-one node (upload, catalog, auth) on embedded defaults.");
        command.Options.Add(data);
        command.Options.Add(urls);
        command.SetAction(async (parseResult, ct) =>
        {
            // Before anything is built, so a taken port leaves the data directory as it was (not even created).
            var listen = parseResult.GetValue(urls) ?? NodeConfiguration.Load(parseResult.GetValue(data))["Urls"] ?? ShortVideoNode.DefaultUrls;
            if (ListenAddressCheck.FindTaken(listen) is { } taken)
            {
                await Console.Error.WriteLineAsync($"svctl up: address {taken} is already in use (another node or program listens there); stop it, or listen elsewhere with --urls, e.g. --urls http://127.0.0.1:8081");
                return 1;
            }

            WebApplication app;
            try
            {
                app = ShortVideoNode.Build(new NodeStartOptions { DataDir = parseResult.GetValue(data), Urls = parseResult.GetValue(urls) });
                await app.StartAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OptionsValidationException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"svctl up: {CliErrors.OneLine(ex)}");
                return 1;
            }

            await using (app)
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
                var dataDir = app.Services.GetRequiredService<IOptions<DataDirectoryOptions>>().Value.FullPath;
                Console.WriteLine($"ShortVideo node ready on {string.Join(", ", addresses ?? [])} (data: {dataDir}). Ctrl+C stops it.");

                // Ctrl+C and SIGTERM stop the host gracefully: in-flight requests finish, then we return.
                await app.WaitForShutdownAsync(CancellationToken.None);
            }

            return 0;
        });
        return command;
    }
}
