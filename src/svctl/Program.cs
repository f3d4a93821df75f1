using System.CommandLine;
using ShortVideo.Cli.Commands;

// svctl: one file per command under Commands/, each a static class with Create().
var root = new RootCommand("svctl: run and operate ShortVideo SDK nodes.");
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(KeyCommand.Create());
root.Subcommands.Add(UploadCommand.Create());
root.Subcommands.Add(VideosCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(RestoreCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ClusterCommand.Create());

// Ctrl+C cancels the command's token; the node's own graceful shutdown (30 s) must fit inside the grace period.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });

// The entry point is not API: ASP.NET Core's generator would otherwise make the top-level Program public.
internal partial class Program;
