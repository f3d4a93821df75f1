using System.CommandLine;

namespace svctl.Tests.Upload;

/// <summary>Runs a command in-process with captured stdout/stderr, the way Program.cs would.</summary>
internal static class CommandRunner
{
    public static async Task<CommandOutcome> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand("svctl under test");
        root.Subcommands.Add(command);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var exitCode = await root.Parse(args).InvokeAsync(configuration, CancellationToken.None);
        return new CommandOutcome(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CommandOutcome(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
