using System.Reflection;

namespace ShortVideo.Cli;

/// <summary>Turns an exception into the one readable line the CLI prints (never a stack trace).</summary>
internal static class CliErrors
{
    public static string OneLine(Exception exception)
    {
        // Wrappers carry no sentence of their own; the innermost exception says what to fix.
        var inner = exception;
        while (inner is AggregateException or TargetInvocationException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return OneLine(inner.Message);
    }

    /// <summary>An ArgumentException's sentence without the " (Parameter 'x')" .NET appends: the user wrote no parameter.</summary>
    public static string OneLine(ArgumentException exception)
    {
        var parameter = exception.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return OneLine(parameter < 0 ? exception.Message : exception.Message[..parameter]);
    }

    /// <summary>A message on one line, cut where it would no longer read as one (sentences with two paths fit).</summary>
    public static string OneLine(string message)
    {
        message = message.ReplaceLineEndings(" ").Trim();
        return message.Length > 500 ? message[..500] + "…" : message;
    }
}
