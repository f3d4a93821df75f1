using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The Spectre console a bench's table is written to.</summary>
internal static class BenchConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        // Escape codes only for a terminal: a table piped into a file or a CI log must stay plain text.
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
    }
}
