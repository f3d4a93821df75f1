using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace ShortVideo.Cli.Doctor;

/// <summary>The report as a table for people or as one JSON object for scripts.</summary>
internal static class DoctorReportWriter
{
    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "skipped",
    };

    /// <summary><c>{ "checks": [ { "name", "status", "detail", "durationMs", ...facts } ], "ok": bool }</c>.</summary>
    public static string ToJson(DoctorReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // read by scripts and people, never embedded in HTML
        }))
        {
            json.WriteStartObject();
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                json.WriteString("status", StatusName(check.Status));
                json.WriteString("detail", check.Detail);
                json.WriteNumber("durationMs", Math.Round(check.Duration.TotalMilliseconds, 1));
                foreach (var (key, value) in check.Facts ?? [])
                {
                    json.WritePropertyName(key);
                    if (value is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(json);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("ok", report.Ok);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the table to <paramref name="output"/>, with colours only when it is a terminal.</summary>
    public static void WriteTable(DoctorReport report, TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Check");
        table.AddColumn("Status");
        table.AddColumn("Detail");
        foreach (var check in report.Checks)
        {
            table.AddRow(
                new Text(check.Name),
                new Markup($"[{Colour(check.Status)}]{StatusName(check.Status)}[/]"),
                new Text(check.Detail));
        }

        console.Write(table);
        var failed = report.Checks.Count(static c => c.Status == CheckStatus.Fail);
        console.MarkupLine(failed == 0
            ? "[green]No check failed.[/]"
            : string.Create(CultureInfo.InvariantCulture, $"[red]{failed} check(s) failed.[/]"));
    }

    private static string Colour(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "green",
        CheckStatus.Warn => "yellow",
        CheckStatus.Fail => "red",
        _ => "grey",
    };
}
