using System.CommandLine;
using ShortVideo.Cli.Doctor;
using ShortVideo.Hosting.Configuration;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl doctor [--data DIR] [--json]</c>: checks what a node on this machine needs.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data directory to check (default: DataDir from configuration, else .svdata)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("doctor", "Check ffmpeg, the data directory, the GPU and the configured Redis, S3 and PostgreSQL.");
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var configuration = NodeConfiguration.Load(parseResult.GetValue(data));
            var report = await DoctorRunner.RunAsync(configuration, ct);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(DoctorReportWriter.ToJson(report));
            }
            else
            {
                DoctorReportWriter.WriteTable(report, output);
            }

            return report.Ok ? 0 : 1;
        });
        return command;
    }
}
