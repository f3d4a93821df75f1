using System.CommandLine;
using ShortVideo.Cli.Commands;

// svctl: one file per command under Commands/, each a static class with Create().
var root = new RootCommand("svctl: run and operate ShortVideo SDK nodes.");
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
return await root.Parse(args).InvokeAsync();
