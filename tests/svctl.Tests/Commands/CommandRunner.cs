using System.CommandLine;

namespace svctl.Tests.Commands;

/// <summary>Runs one svctl command in-process with captured output, as Program.cs would.</summary>
internal static class CommandRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand("svctl test host");
        root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse([command.Name, .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
