using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

/// <summary>What every <c>svctl bench &lt;area&gt;</c> does around its run: JSON or a table, and each failure as one line.</summary>
internal static class BenchInvocation
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitInterrupted = 130;

    /// <summary>Runs the bench; progress goes to stderr unless the output is JSON, which must stay one object.</summary>
    public static async Task<int> RunAsync<TReport>(
        string area,
        Func<Action<string>, CancellationToken, Task<TReport>> run,
        bool asJson,
        JsonTypeInfo<TReport> json,
        Action<TReport, TextWriter> writeTable,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            var report = await run(asJson ? static _ => { } : error.WriteLine, cancellationToken);
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(report, json));
            }
            else
            {
                writeTable(report, output);
            }

            return 0;
        }
        catch (BenchException ex)
        {
            return Fail(error, area, ex.Message, ExitFailed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temp directory or what the bench writes there: full disk, no permission.
            return Fail(error, area, $"cannot use the temp directory {Path.GetTempPath()}: {ex.Message}", ExitFailed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("interrupted; child processes stopped and temp data deleted");
            return ExitInterrupted;
        }
    }

    public static int Fail(TextWriter error, string area, string message, int exitCode)
    {
        error.WriteLine($"svctl bench {area}: {message}");
        return exitCode;
    }
}
