using System.CommandLine;

namespace ShortVideo.Cli.Commands;

internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory.", DefaultValueFactory = _ => ".svdata" };
        var command = new Command("up", "Run an all-in-one node on embedded defaults.");
        command.Options.Add(data);
        command.SetAction(async (parseResult, ct) =>
        {
            await Task.Yield();
            Console.WriteLine(parseResult.GetValue(data));
            return 0;
        });
        return command;
    }
}
